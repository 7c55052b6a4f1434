# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Clinic CRM: Recruiting Audit",
    "summary": "Audit trail on practitioner qualifications (credentials)",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "AGPL-3",
    "depends": ["crm_clinic_audit", "crm_clinic_recruiting"],
    "data": ["data/auditlog_rule_data.xml"],
    "auto_install": True,
    "installable": True,
}
