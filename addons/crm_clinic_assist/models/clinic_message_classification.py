# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import html2plaintext

from ..lib.clinic_message_classifier import (
    INTENTS,
    SENTIMENTS,
    URGENCIES,
    classify,
    trigger_summary,
)

EXCERPT_LENGTH = 500


class ClinicMessageClassification(models.Model):
    """What the offline classifier read in one inbound message of a lead.

    The predicted labels are kept untouched; staff correct the current labels
    (sentiment, urgency, intent) or tick Reviewed when the reading is right, so
    reviewed rows measure the classifier's accuracy in the clinic (pivot of the
    predicted label against the reviewed one). The lead shows the labels of its
    latest message; they feed its urgency flag and its score.
    """

    _name = "clinic.message.classification"
    _description = "Message Classification"
    _order = "date desc, id desc"
    _rec_name = "excerpt"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    message_id = fields.Many2one("mail.message", ondelete="cascade", index="btree_not_null")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="lead_id.user_id", string="Lead Owner")
    channel = fields.Selection(
        [
            ("web_form", "Web form / API"),
            ("email", "E-mail"),
            ("sms", "SMS"),
            ("comment", "Message"),
        ],
        required=True,
        default="comment",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    excerpt = fields.Text(required=True)
    trigger_words = fields.Char(
        string="Triggered By", help="The words and phrases that gave these labels."
    )
    predicted_sentiment = fields.Selection(SENTIMENTS, readonly=True, required=True)
    predicted_urgency = fields.Selection(URGENCIES, readonly=True, required=True)
    predicted_intent = fields.Selection(INTENTS, readonly=True, required=True)
    sentiment = fields.Selection(SENTIMENTS, required=True)
    urgency = fields.Selection(URGENCIES, required=True)
    intent = fields.Selection(INTENTS, required=True)
    is_reviewed = fields.Boolean(
        string="Reviewed", help="A staff member checked the labels (corrected or confirmed)."
    )
    is_corrected = fields.Boolean(
        string="Corrected", compute="_compute_is_corrected", store=True, index=True
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_date = fields.Datetime(readonly=True)

    @api.depends(
        "sentiment",
        "urgency",
        "intent",
        "predicted_sentiment",
        "predicted_urgency",
        "predicted_intent",
    )
    def _compute_is_corrected(self):
        for row in self:
            row.is_corrected = (row.sentiment, row.urgency, row.intent) != (
                row.predicted_sentiment,
                row.predicted_urgency,
                row.predicted_intent,
            )

    @api.model
    def _prepare_classification_values(self, lead, text, channel, message=None, date=None):
        """Values of a new classification of ``text`` on ``lead`` (None for empty text)."""
        plain = html2plaintext(text or "").strip()
        if not plain:
            return None
        result = classify(plain)
        return {
            "lead_id": lead.id,
            "message_id": message.id if message else False,
            "channel": channel,
            "date": date or fields.Datetime.now(),
            "excerpt": plain[:EXCERPT_LENGTH],
            "trigger_words": trigger_summary(result),
            "predicted_sentiment": result["sentiment"],
            "predicted_urgency": result["urgency"],
            "predicted_intent": result["intent"],
            "sentiment": result["sentiment"],
            "urgency": result["urgency"],
            "intent": result["intent"],
        }

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows.lead_id._clinic_sync_message_labels(raise_urgency=True)
        return rows

    def write(self, vals):
        labels = {"sentiment", "urgency", "intent"} & set(vals)
        if labels or vals.get("is_reviewed"):
            vals = dict(
                vals,
                is_reviewed=True,
                reviewed_by_id=self.env.uid,
                reviewed_date=fields.Datetime.now(),
            )
        res = super().write(vals)
        if labels:
            self.lead_id._clinic_sync_message_labels()
        return res

    def action_confirm(self):
        """The labels are right: count this message as a correct reading."""
        self.write({"is_reviewed": True})
        return True
