# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from .clinic_message_classifier import INTENTS, SENTIMENTS, URGENCIES

# Message types that can carry a patient's own words (notifications cannot).
INBOUND_TYPES = {"email": "email", "sms": "sms", "comment": "comment"}


class CrmLead(models.Model):
    """Reading of the patient's messages on the lead (see clinic.message.classification).

    Inbound e-mails, SMS replies and portal/web messages are classified when they
    are posted; the web-form message when the lead is captured. The labels of the
    latest message are copied on the lead so that score rules, filters and the
    urgency flag can use them.
    """

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    clinic_message_classification_ids = fields.One2many(
        "clinic.message.classification", "lead_id", string="Message Readings"
    )
    clinic_message_sentiment = fields.Selection(
        SENTIMENTS, string="Latest Sentiment", readonly=True, index=True, copy=False
    )
    clinic_message_urgency = fields.Selection(
        URGENCIES, string="Latest Message Urgency", readonly=True, copy=False
    )
    clinic_message_intent = fields.Selection(
        INTENTS, string="Latest Intent", readonly=True, index=True, copy=False
    )
    clinic_message_words = fields.Char(
        string="Triggered By", readonly=True, copy=False,
        help="The words of the latest message that gave its labels.",
    )  # fmt: skip

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        # The message typed in the public form or sent through the API is the
        # patient's own words; notes typed by staff are not classified.
        if self.env.context.get("clinic_capture_channel"):
            leads._clinic_classify_text(
                {lead.id: lead.description for lead in leads}, channel="web_form"
            )
        return leads

    def _clinic_capture_followup(self, vals, channel):
        # Read first: the repeat inquiry's note stays the latest message of the lead.
        if vals.get("description"):
            self._clinic_classify_text({self.id: vals["description"]}, channel="web_form")
        return super()._clinic_capture_followup(vals, channel)

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self._clinic_is_inbound_message(message):
            self._clinic_classify_text(
                {self.id: message.body},
                channel=INBOUND_TYPES[message.message_type],
                message=message,
            )
        return res

    def _clinic_is_inbound_message(self, message):
        """A message in the patient's own words: e-mail, SMS or comment whose author
        is not an employee (no author at all for unknown SMS numbers)."""
        if message.message_type not in INBOUND_TYPES or not message.body:
            return False
        if self.env.context.get("clinic_classify_message"):
            return True
        author = message.sudo().author_id
        return not author or author.partner_share

    def _clinic_classify_text(self, texts, channel, message=None):
        """Classify ``texts`` ({lead id: text or html}) and keep the readings."""
        model = self.env["clinic.message.classification"].sudo()
        vals_list = []
        for lead in self:
            vals = model._prepare_classification_values(
                lead, texts.get(lead.id), channel, message=message,
                date=message.date if message else None,
            )  # fmt: skip
            if vals:
                vals_list.append(vals)
        return model.create(vals_list) if vals_list else model

    def _clinic_sync_message_labels(self, raise_urgency=False):
        """Copy the labels of each lead's latest reading on the lead; an urgent new
        message raises the lead's urgency (never lowers it: staff decide that)."""
        readings = (
            self.env["clinic.message.classification"]
            .sudo()
            .search([("lead_id", "in", self.ids)], order="date desc, id desc")
        )
        latest = {}
        for reading in readings:
            latest.setdefault(reading.lead_id.id, reading)
        for lead in self.sudo():
            reading = latest.get(lead.id)
            vals = {
                "clinic_message_sentiment": reading.sentiment if reading else False,
                "clinic_message_urgency": reading.urgency if reading else False,
                "clinic_message_intent": reading.intent if reading else False,
                "clinic_message_words": reading.trigger_words if reading else False,
            }
            if (
                raise_urgency
                and reading
                and reading.urgency != "none"
                and lead.clinic_urgency != "high"
            ):
                vals["clinic_urgency"] = "high"
                lead._message_log(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "Marked urgent: the patient's message mentions %(words)s.",
                        words=reading.trigger_words,
                    )
                )
            changed = {k: v for k, v in vals.items() if lead[k] != v}
            if changed:
                lead.write(changed)
