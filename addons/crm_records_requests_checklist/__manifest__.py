# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Records Requests and Checklist",
    "summary": "Records requested from and received from a previous provider tick the "
    "onboarding checklist",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_records_requests", "crm_clinic_checklist"],
    "auto_install": True,
    "installable": True,
}
