# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Patient Onboarding",
    "summary": "Clinic roles, patient and practitioner leads, pipelines, follow-up engine, "
    "Today, scoring and dashboard on Odoo CRM",
    "version": "19.0.2.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    # crm_iap_enrich (crm + sms), partner_autocomplete (iap_mail) and crm_iap_mine
    # (crm + iap_mail) install themselves with our dependencies; we depend on them to
    # keep them off until an admin opts in (models/clinic_iap_gate.py).
    # calendar_sms: the consult reminder by text message.
    "depends": [
        "crm",
        "calendar_sms",
        "crm_iap_enrich",
        "partner_autocomplete",
        "crm_iap_mine",
        "base_automation",
    ],
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
        "data/crm_stage_data.xml",
        "data/clinic_score_rule_data.xml",
        "data/calendar_alarm_data.xml",
        "data/clinic_templates.xml",
        "data/ir_cron_data.xml",
        "data/clinic_next_step_cron_data.xml",
        "wizard/clinic_followup_status_change_views.xml",
        "wizard/clinic_patient_conversion_views.xml",
        "wizard/crm_lead_to_opportunity_views.xml",
        "views/crm_lead_views.xml",
        "views/calendar_event_views.xml",
        "views/clinic_crm_dashboard_views.xml",
        "views/clinic_score_rule_views.xml",
        "views/crm_stage_views.xml",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
        "views/clinic_patient_guardian_views.xml",
        "views/clinic_insurance_policy_views.xml",
        "views/clinic_practitioner_role_views.xml",
        "views/crm_team_views.xml",
        "views/clinic_followup_status_views.xml",
        "views/utm_source_views.xml",
        "views/res_config_settings_views.xml",
        "views/mail_template_views.xml",
        "views/sms_template_views.xml",
        "report/clinic_letter_templates.xml",
        "views/crm_ortho_onboarding_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_lead_demo.xml",
        "demo/clinic_followup_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_ortho_onboarding/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
