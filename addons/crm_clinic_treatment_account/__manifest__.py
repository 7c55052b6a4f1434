# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Treatment and Invoicing",
    "summary": "Revenue per patient and by procedure type from posted customer invoices",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic_treatment", "account"],
    "data": [
        "security/crm_clinic_treatment_account_security.xml",
        "views/account_move_views.xml",
        "views/product_template_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
