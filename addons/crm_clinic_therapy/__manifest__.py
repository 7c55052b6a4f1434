# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Therapy",
    "summary": "ABA therapy: ABA pipeline, conditions, coverages, payer authorizations, "
    "service times and the intake stream",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/crm_clinic_therapy_security.xml",
        "security/ir.model.access.csv",
        "data/crm_team_data.xml",
        "data/clinic_service_time_data.xml",
        "data/clinic_authorization_data.xml",
        "views/clinic_service_time_views.xml",
        "views/clinic_patient_condition_views.xml",
        "views/clinic_authorization_views.xml",
        "views/clinic_intake_stream_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/crm_clinic_therapy_menus.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
        "demo/clinic_therapy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_clinic_therapy/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
