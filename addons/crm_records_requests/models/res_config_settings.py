# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_records_jurisdiction_id = fields.Many2one(
        related="company_id.clinic_records_jurisdiction_id", readonly=False
    )
    clinic_records_warning_days = fields.Integer(
        related="company_id.clinic_records_warning_days", readonly=False
    )
    clinic_records_link_days = fields.Integer(
        related="company_id.clinic_records_link_days", readonly=False
    )
    clinic_records_max_downloads = fields.Integer(
        related="company_id.clinic_records_max_downloads", readonly=False
    )
    clinic_records_require_prepayment = fields.Boolean(
        related="company_id.clinic_records_require_prepayment", readonly=False
    )
    clinic_records_hipaa_flat_fee = fields.Boolean(
        related="company_id.clinic_records_hipaa_flat_fee", readonly=False
    )
    clinic_records_escalation_user_id = fields.Many2one(
        related="company_id.clinic_records_escalation_user_id", readonly=False
    )
    clinic_records_followup_days = fields.Integer(
        related="company_id.clinic_records_followup_days", readonly=False
    )
    clinic_lead_retention_days = fields.Integer(
        related="company_id.clinic_lead_retention_days", readonly=False
    )
