# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Clinic CRM",
    "summary": "The whole clinic: patient acquisition and onboarding for orthodontic, "
    "dental and therapy (ABA) practices on Odoo CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    # AGPL-3: it installs crm_clinic_audit, which depends on OCA's auditlog (AGPL-3).
    "license": "AGPL-3",
    # Every capability; the bridges where two meet install themselves (auto_install).
    "depends": [
        "crm_ortho_onboarding",
        "crm_clinic_audit",
        "crm_clinic_capture",
        "crm_clinic_sms",
        "crm_clinic_checklist",
        "crm_clinic_treatment",
        "crm_clinic_therapy",
        "crm_clinic_recruiting",
        "crm_clinic_assist",
        "crm_intake_forms",
        "crm_referrals",
        "crm_records_requests",
    ],
    "application": True,
    "installable": True,
}
