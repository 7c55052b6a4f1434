# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Each consent and the field that keeps when it was given.
CONSENT_DATES = {
    "clinic_consent_sms": "clinic_consent_sms_date",
    "clinic_consent_whatsapp": "clinic_consent_whatsapp_date",
}


class ResPartner(models.Model):
    """Consents to texts and to WhatsApp are recorded on the patient (or guardian), dated.

    WhatsApp has a consent of its own: WhatsApp's business policy asks for an opt-in that
    names WhatsApp, so agreeing to texts does not cover it.
    """

    _inherit = "res.partner"

    clinic_consent_sms = fields.Boolean(string="Consents to Texts", tracking=True)
    clinic_consent_sms_date = fields.Datetime(string="Text Consent On", readonly=True)
    clinic_consent_whatsapp = fields.Boolean(string="Consents to WhatsApp", tracking=True)
    clinic_consent_whatsapp_date = fields.Datetime(string="WhatsApp Consent On", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            for consent, date in CONSENT_DATES.items():
                if vals.get(consent):
                    vals.setdefault(date, fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        dates = {
            date: vals[consent] and fields.Datetime.now()
            for consent, date in CONSENT_DATES.items()
            if consent in vals
        }
        if dates:
            vals = dict(vals, **dates)
        return super().write(vals)
