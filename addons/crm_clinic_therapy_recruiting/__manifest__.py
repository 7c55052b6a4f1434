# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Therapy and Recruiting",
    "summary": "Capacity matching between waitlisted ABA patients and new practitioners",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_clinic_therapy", "crm_clinic_recruiting"],
    "data": [
        "views/crm_lead_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
