# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.sms_api import WHATSAPP_PREFIX, ClinicSmsApiTwilio


class ResCompany(models.Model):
    """The clinic's WhatsApp sender, beside its Twilio SMS numbers."""

    _inherit = "res.company"

    clinic_whatsapp_number = fields.Char(
        string="WhatsApp Sender",
        help="The clinic's WhatsApp number approved in Twilio, in international format "
        "(+14155238886): the From of WhatsApp messages, and the number families write to.",
    )

    @api.constrains("clinic_whatsapp_number")
    def _check_clinic_whatsapp_number(self):
        for company in self:
            number = company.clinic_whatsapp_number
            if number and not re.fullmatch(r"\+[1-9]\d{6,14}", number):
                raise ValidationError(
                    self.env._(
                        "WhatsApp sender: give the number in international format, "
                        "e.g. +14155238886."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("clinic_whatsapp_number"):
                vals["clinic_whatsapp_number"] = self._clinic_clean_whatsapp_number(
                    vals["clinic_whatsapp_number"]
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("clinic_whatsapp_number"):
            vals = dict(
                vals,
                clinic_whatsapp_number=self._clinic_clean_whatsapp_number(
                    vals["clinic_whatsapp_number"]
                ),
            )
        return super().write(vals)

    @api.model
    def _clinic_clean_whatsapp_number(self, number):
        """Twilio's console shows the sender as ``whatsapp:+1 415 523 8886``: keep +E164."""
        number = number.strip()
        if number.lower().startswith(WHATSAPP_PREFIX):
            number = number[len(WHATSAPP_PREFIX) :]
        return re.sub(r"[\s().-]", "", number)

    def _get_sms_api_class(self):
        if self.sms_provider == "twilio":
            return ClinicSmsApiTwilio
        return super()._get_sms_api_class()
