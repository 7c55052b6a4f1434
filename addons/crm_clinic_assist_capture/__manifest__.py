# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Assist and Capture",
    "summary": "Read the message of a repeat web or API inquiry on the open lead",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic_assist", "crm_clinic_capture"],
    "auto_install": True,
    "installable": True,
}
