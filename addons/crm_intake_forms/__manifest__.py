# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Digital Intake",
    "summary": "Intake forms, medical history, insurance and consents on Odoo Surveys",
    "version": "19.0.1.3.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding", "survey", "portal", "sms"],
    "data": [
        "security/crm_intake_forms_security.xml",
        "security/ir.model.access.csv",
        "data/clinic_intake_template_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizard/clinic_intake_send_views.xml",
        "wizard/clinic_intake_template_import_views.xml",
        "views/res_config_settings_views.xml",
        "views/survey_survey_views.xml",
        "views/survey_templates.xml",
        "views/clinic_intake_request_views.xml",
        "views/clinic_medical_history_views.xml",
        "views/clinic_insurance_policy_views.xml",
        "views/clinic_consent_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_team_views.xml",
        "views/clinic_intake_portal_templates.xml",
        "report/clinic_intake_request_reports.xml",
        "report/clinic_intake_request_templates.xml",
        "views/crm_intake_forms_menus.xml",
    ],
    "demo": [
        "demo/clinic_intake_demo.xml",
    ],
    "assets": {
        "survey.survey_assets": [
            "crm_intake_forms/static/src/interactions/survey_form_intake.js",
        ],
        "web.assets_tests": [
            "crm_intake_forms/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
