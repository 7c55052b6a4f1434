# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Text Messages",
    "summary": "Two-way texts and WhatsApp with patients over Twilio: consent, quiet hours, "
    "inbound replies and STOP/START/HELP",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding", "sms_twilio"],
    "external_dependencies": {"python": ["twilio"]},
    "data": [
        "security/crm_clinic_sms_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/sms_template_data.xml",
        "wizard/sms_composer_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/sms_sms_views.xml",
    ],
    "demo": ["demo/res_partner_demo.xml"],
    "installable": True,
}
