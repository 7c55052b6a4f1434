# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Lead Capture",
    "summary": "Website consultation and job forms, Chorus-compatible Create Lead API, "
    "API keys and capture log",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    # website: the public "Request a consultation" and "Join our team" pages.
    "depends": ["crm_ortho_onboarding", "website"],
    "data": [
        "security/crm_clinic_capture_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/website_menu_data.xml",
        "wizard/clinic_api_key_reveal_views.xml",
        "views/clinic_api_key_views.xml",
        "views/clinic_capture_log_views.xml",
        "views/crm_lead_views.xml",
        "views/utm_source_views.xml",
        "views/res_config_settings_views.xml",
        "views/clinic_lead_form_templates.xml",
        "views/crm_clinic_capture_menus.xml",
    ],
    "demo": ["demo/clinic_api_key_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_clinic_capture/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
