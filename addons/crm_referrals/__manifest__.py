# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Referrals",
    "summary": "Referring providers, referral attribution, letters and analytics",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "installable": True,
}
