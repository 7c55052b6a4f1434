# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Digital Intake × Text Messages",
    "summary": "Intake links go by SMS only to families who agreed to texts",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_intake_forms", "crm_clinic_sms"],
    "auto_install": True,
    "installable": True,
}
