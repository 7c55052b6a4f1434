# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """Consent to texts is recorded on the patient (or guardian), with its date."""

    _inherit = "res.partner"

    clinic_consent_sms = fields.Boolean(string="Consents to Texts", tracking=True)
    clinic_consent_sms_date = fields.Datetime(string="Text Consent On", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("clinic_consent_sms"):
                vals.setdefault("clinic_consent_sms_date", fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        if "clinic_consent_sms" in vals:
            vals = dict(
                vals, clinic_consent_sms_date=vals["clinic_consent_sms"] and fields.Datetime.now()
            )
        return super().write(vals)
