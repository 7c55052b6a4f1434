# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Lead Capture × Text Messages",
    "summary": "Consent to texts given on the website form or through the API lets the "
    "clinic text the lead",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic_capture", "crm_clinic_sms"],
    "auto_install": True,
    "installable": True,
}
