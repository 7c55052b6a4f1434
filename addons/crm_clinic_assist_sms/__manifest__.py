# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Assist × Text Messages",
    "summary": "Patients' text replies are read for urgency and intent like their e-mails",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic_assist", "crm_clinic_sms"],
    "auto_install": True,
    "installable": True,
}
