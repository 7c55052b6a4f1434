# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicIntakeRequest(models.Model):
    """The intake link is texted only to a family who agreed to texts."""

    _inherit = "clinic.intake.request"

    @api.model
    def _clinic_sms_refusal(self, partner):
        refusal = super()._clinic_sms_refusal(partner)
        if refusal:
            return refusal
        if not partner.clinic_consent_sms:
            return self.env._(
                "%(name)s has not agreed to receive text messages (record it on the contact: "
                "Consents to Texts).",
                name=partner.name,
            )
        return False
