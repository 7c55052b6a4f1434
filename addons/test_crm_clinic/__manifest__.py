# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Cross-addon Tests",
    "summary": "Tests that need the whole clinic: 90-day simulation, the full access "
    "matrix, cross-addon journeys. Never install it in a clinic's database.",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic"],
    "external_dependencies": {"python": ["freezegun"]},
    "installable": True,
}
