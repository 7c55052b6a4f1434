# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Assist",
    "summary": "Offline reading of patient messages, hesitation follow-up cadences, "
    "consult-lag warning and first/last-touch attribution",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/crm_clinic_assist_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/clinic_message_score_rule_data.xml",
        "data/mail_template_data.xml",
        "data/clinic_hesitation_data.xml",
        "views/clinic_message_classification_views.xml",
        "views/clinic_hesitation_reason_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_lost_reason_views.xml",
        "views/calendar_event_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_clinic_assist_menus.xml",
    ],
    "demo": [
        "demo/clinic_message_classification_demo.xml",
        "demo/clinic_followup_assist_demo.xml",
    ],
    "installable": True,
}
