# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Recruiting",
    "summary": "Recruit practitioners: recruiting pipeline, interviews, references "
    "and credentials with expiry alerts",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/crm_clinic_recruiting_security.xml",
        "security/ir.model.access.csv",
        "data/crm_team_data.xml",
        "data/clinic_recruiting_data.xml",
        "views/clinic_practitioner_qualification_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_clinic_recruiting_menus.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "installable": True,
}
