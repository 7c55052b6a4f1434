# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Treatment Plans and Recalls",
    "summary": "Treatment plans with phases, procedures and teeth, plans at risk, patient "
    "recalls and practice KPIs",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/crm_clinic_treatment_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/clinic_recall_rule_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_plan_data.xml",
        "data/ir_cron_data.xml",
        "views/mail_activity_plan_views.xml",
        "views/clinic_treatment_plan_views.xml",
        "views/clinic_treatment_procedure_views.xml",
        "views/clinic_recall_rule_views.xml",
        "views/clinic_recall_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_clinic_treatment_menus.xml",
    ],
    "demo": [
        "demo/clinic_treatment_plan_demo.xml",
        "demo/clinic_recall_demo.xml",
    ],
    "installable": True,
}
