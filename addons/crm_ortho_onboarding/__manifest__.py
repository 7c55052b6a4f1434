# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Patient Onboarding",
    "summary": "Patient and practitioner leads, clinic pipelines and clinic roles on Odoo CRM",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    # crm_iap_enrich is auto-installed with crm + sms; we depend on it to keep it off.
    "depends": ["crm", "sms", "crm_iap_enrich"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/crm_ortho_onboarding_security.xml",
        "security/ir.model.access.csv",
        "data/clinic_privacy_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/ir_sequence_data.xml",
        "data/clinic_practitioner_role_data.xml",
        "data/crm_lost_reason_data.xml",
        "data/crm_team_data.xml",
        "data/clinic_followup_status_data.xml",
        "wizard/clinic_followup_status_change_views.xml",
        "wizard/clinic_patient_conversion_views.xml",
        "wizard/crm_lead_to_opportunity_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/clinic_patient_guardian_views.xml",
        "views/clinic_practitioner_role_views.xml",
        "views/crm_team_views.xml",
        "views/clinic_followup_status_views.xml",
        "views/utm_source_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_ortho_onboarding_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_ortho_onboarding/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
