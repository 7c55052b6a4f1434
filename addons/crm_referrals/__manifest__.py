# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Referrals",
    "summary": "Referring providers, referral attribution, letters and analytics",
    "version": "19.0.1.2.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/crm_referrals_security.xml",
        "security/ir.model.access.csv",
        # the letter templates (data) attach the letter report: reports first
        "report/clinic_referral_letter_reports.xml",
        "report/clinic_referral_letter_templates.xml",
        "data/clinic_referral_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/clinic_referral_views.xml",
        "views/clinic_referral_letter_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_referrals_menus.xml",
    ],
    "demo": [
        "demo/clinic_referral_demo.xml",
    ],
    "installable": True,
}
