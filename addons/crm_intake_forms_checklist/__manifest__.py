# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Intake Forms and Checklist",
    "summary": "Intake forms sent, completed and consents signed tick the onboarding checklist",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_intake_forms", "crm_clinic_checklist"],
    "data": ["data/clinic_checklist_data.xml"],
    "auto_install": True,
    "installable": True,
}
