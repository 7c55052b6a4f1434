# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Patient Onboarding",
    "summary": "Patient and practitioner leads, clinic pipelines and clinic roles on Odoo CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm", "sms"],
    "data": [
        "security/crm_ortho_onboarding_security.xml",
        "security/ir.model.access.csv",
        "data/clinic_privacy_data.xml",
        "views/crm_ortho_onboarding_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "application": True,
    "installable": True,
}
