# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..lib.clinic_message_classifier import INTENTS, SENTIMENTS, URGENCIES

# Message types that can carry a patient's own words (notifications cannot).
INBOUND_TYPES = {"email": "email", "sms": "sms", "comment": "comment"}


class CrmLead(models.Model):
    """Assistive reading and follow-up of a lead.

    - Reading of the patient's messages (see clinic.message.classification):
      inbound e-mails, SMS replies and portal/web messages are classified when they
      are posted; the web-form message when the lead is captured. The labels of the
      latest message are copied on the lead so that score rules, filters and the
      urgency flag can use them.
    - Hesitation reason of a lead and the follow-up cadence it schedules.
    - First-touch and last-touch source of each patient, on every lead of the
      patient. A patient's touches are the marketing sources (utm.source) of all
      their leads: the source each lead arrived with, then every later change of
      source kept in the lead's tracking history. The earliest touch is the
      first-touch source, the latest the last-touch source. Leads that reached a won
      stage (Treatment Started) count as starts, with their expected revenue as
      contract value, so sources are judged by starts and revenue, not by lead
      counts.
    """

    _inherit = "crm.lead"

    # Message readings
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
        string="Triggered By",
        readonly=True,
        copy=False,
        help="The words of the latest message that gave its labels.",
    )

    # Hesitation
    clinic_hesitation_reason_id = fields.Many2one(
        "clinic.hesitation.reason",
        string="Hesitation Reason",
        tracking=True,
        index="btree_not_null",
        help="Why the family did not start after the consultation; it schedules the "
        "reason's follow-up cadence for the lead's owner.",
    )
    clinic_hesitation_date = fields.Date(string="Hesitation Recorded", readonly=True, copy=False)

    # Attribution
    # Tracked so that each change of source is a touch in the history.
    source_id = fields.Many2one(tracking=True)
    clinic_arrival_source_id = fields.Many2one(
        "utm.source",
        string="Arrival Source",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The source the lead arrived with, kept when the source is later changed.",
    )
    clinic_first_touch_source_id = fields.Many2one(
        "utm.source",
        string="First Touch",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The patient's earliest source, across all their leads.",
    )
    clinic_last_touch_source_id = fields.Many2one(
        "utm.source",
        string="Last Touch",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The patient's latest source, across all their leads.",
    )
    clinic_start_count = fields.Integer(
        string="Treatment Starts",
        compute="_compute_clinic_start",
        store=True,
        help="1 when the lead reached Treatment Started (won).",
    )
    clinic_contract_value = fields.Monetary(
        string="Contract Value",
        compute="_compute_clinic_start",
        store=True,
        currency_field="company_currency",
        help="Expected revenue of a lead that started treatment.",
    )

    @api.depends("won_status", "expected_revenue")
    def _compute_clinic_start(self):
        for lead in self:
            started = lead.won_status == "won"
            lead.clinic_start_count = 1 if started else 0
            lead.clinic_contract_value = lead.expected_revenue if started else 0.0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("source_id"):
                vals.setdefault("clinic_arrival_source_id", vals["source_id"])
                if not vals.get("partner_id") and not vals.get("clinic_patient_id"):
                    # A new lead of nobody known yet is its own only touch: saved with
                    # the INSERT instead of a second write (and audit row) per web lead.
                    vals.setdefault("clinic_first_touch_source_id", vals["source_id"])
                    vals.setdefault("clinic_last_touch_source_id", vals["source_id"])
        leads = super().create(vals_list)
        # The message of a web/API lead is read by the after-capture job (below), not
        # inside the request that answers the sender.
        leads.filtered(
            lambda lead: (
                lead.partner_id
                or lead.clinic_patient_id
                or lead.clinic_first_touch_source_id != lead.source_id
                or lead.clinic_last_touch_source_id != lead.source_id
            )
        )._clinic_compute_attribution()
        return leads

    def _clinic_after_capture(self):
        # The message typed in the public form or sent through the API is the patient's
        # own words (notes typed by staff are not classified). Read before the core's job
        # scores the lead, so the score counts the reading once.
        pending = self.sudo().filtered(lambda lead: lead.clinic_after_capture_pending)
        described = pending.filtered("description")
        if described:
            described._clinic_classify_text(
                {lead.id: lead.description for lead in described}, channel="web_form"
            )
        return super()._clinic_after_capture()

    def write(self, vals):
        if vals.get("source_id"):
            # A lead given its first source after creation arrived with that source.
            for lead in self.filtered(lambda lead: not lead.clinic_arrival_source_id):
                lead.clinic_arrival_source_id = lead.source_id or vals["source_id"]
        lost_reason = vals.get("lost_reason_id")
        if lost_reason and "clinic_hesitation_reason_id" not in vals:
            reason = self.env["crm.lost.reason"].browse(lost_reason).clinic_hesitation_reason_id
            if reason:
                vals = dict(vals, clinic_hesitation_reason_id=reason.id)
        changed = self.filtered(
            lambda lead: (
                "clinic_hesitation_reason_id" in vals
                and lead.clinic_hesitation_reason_id.id != vals["clinic_hesitation_reason_id"]
            )
        )
        res = super().write(vals)
        if changed:
            changed._clinic_schedule_hesitation_cadence()
        if {"source_id", "clinic_patient_id", "partner_id"} & set(vals):
            self._clinic_compute_attribution()
        return res

    # ------------------------------------------------------------------
    # Message readings
    # ------------------------------------------------------------------

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
                lead,
                texts.get(lead.id),
                channel,
                message=message,
                date=message.date if message else None,
            )
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
                lead.message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "Marked urgent: the patient's message mentions %(words)s.",
                        words=reading.trigger_words,
                    ),
                    message_type="notification",
                    subtype_xmlid=lead._clinic_urgent_note_subtype(reading),
                )
            changed = {k: v for k, v in vals.items() if lead[k] != v}
            if changed:
                lead.write(changed)

    def _clinic_urgent_note_subtype(self, reading):
        """Subtype of the "Marked urgent" note. It quotes the patient's words, so it is
        read by whoever may read the message it quotes: a bridge narrows it."""
        return "mail.mt_note"

    # ------------------------------------------------------------------
    # Hesitation cadence
    # ------------------------------------------------------------------

    def _clinic_schedule_hesitation_cadence(self):
        """Replace the open steps of a previous cadence with the new reason's steps."""
        today = fields.Date.context_today(self)
        activities = self.env["mail.activity"].sudo()
        activities.search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", self.ids),
                ("clinic_hesitation_step_id", "!=", False),
            ]
        ).unlink()
        for lead in self:
            lead.sudo().clinic_hesitation_date = (
                today if lead.clinic_hesitation_reason_id else False
            )
            owner = lead.user_id or lead.team_id.user_id or self.env.user
            for step in lead.clinic_hesitation_reason_id.step_ids:
                lead.sudo().activity_schedule(
                    activity_type_id=step.activity_type_id.id,
                    date_deadline=today + timedelta(days=step.day_offset),
                    summary=step.summary,
                    note=Markup(step._prepare_note()) if step._prepare_note() else "",
                    user_id=owner.id,
                    clinic_hesitation_step_id=step.id,
                )
            if lead.clinic_hesitation_reason_id:
                lead._message_log(
                    body=Markup("<p>%s</p>")
                    % escape(
                        self.env._(
                            "Follow-up cadence for “%(reason)s”: %(count)s steps scheduled.",
                            reason=lead.clinic_hesitation_reason_id.name,
                            count=len(lead.clinic_hesitation_reason_id.step_ids),
                        )
                    )
                )

    # ------------------------------------------------------------------
    # Attribution
    # ------------------------------------------------------------------

    def _clinic_attribution_key(self):
        """Leads of the same person share their touches: the patient, else the contact."""
        self.ensure_one()
        return (
            ("patient", self.clinic_patient_id.id)
            if self.clinic_patient_id
            else (("partner", self.partner_id.id) if self.partner_id else ("lead", self.id))
        )

    def _clinic_touches(self):
        """[(date, source)] of these leads: arrival, tracked changes, current source."""
        touches = []
        field = self.env["ir.model.fields"]._get("crm.lead", "source_id")
        trackings = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("field_id", "=", field.id),
                    ("mail_message_id.model", "=", "crm.lead"),
                    ("mail_message_id.res_id", "in", self.ids),
                ]
            )
        )
        Source = self.env["utm.source"].sudo()
        by_lead = {}
        for tracking in trackings:
            by_lead.setdefault(tracking.mail_message_id.res_id, []).append(tracking)
        for lead in self:
            history = sorted(by_lead.get(lead.id, []), key=lambda t: (t.create_date, t.id))
            arrival = lead.clinic_arrival_source_id or (
                Source.browse(history[0].old_value_integer) if history else lead.source_id
            )
            lead_touches = [(lead.create_date, arrival)] if arrival else []
            for tracking in history:
                if tracking.new_value_integer:
                    source = Source.browse(tracking.new_value_integer)
                    lead_touches.append((tracking.create_date, source))
            # A change not tracked yet (same transaction) is the latest touch.
            if lead.source_id and (not lead_touches or lead_touches[-1][1] != lead.source_id):
                lead_touches.append((lead.write_date or lead.create_date, lead.source_id))
            touches += lead_touches
        return [t for t in touches if t[0] and t[1].exists()]

    def _clinic_compute_attribution(self):
        """Set first/last touch on these leads and on the other leads of the same people."""
        leads = self.sudo().with_context(active_test=False).filtered("id")
        if not leads:
            return
        patients = leads.clinic_patient_id
        partners = leads.filtered(lambda lead: not lead.clinic_patient_id).partner_id
        related = leads
        if patients:
            related |= leads.search([("clinic_patient_id", "in", patients.ids)])
        if partners:
            related |= leads.search(
                [("clinic_patient_id", "=", False), ("partner_id", "in", partners.ids)]
            )
        groups = {}
        for lead in related:
            groups.setdefault(lead._clinic_attribution_key(), lead.browse())
            groups[lead._clinic_attribution_key()] |= lead
        for group in groups.values():
            touches = sorted(group._clinic_touches(), key=lambda t: t[0])
            first = touches[0][1] if touches else self.env["utm.source"]
            last = touches[-1][1] if touches else self.env["utm.source"]
            stale = group.filtered(
                lambda lead, f=first, la=last: (
                    lead.clinic_first_touch_source_id != f or lead.clinic_last_touch_source_id != la
                )
            )
            if stale:
                # Plain stored fields: written without rescoring or re-tracking.
                stale.with_context(clinic_scoring=True, tracking_disable=True).write(
                    {
                        "clinic_first_touch_source_id": first.id,
                        "clinic_last_touch_source_id": last.id,
                    }
                )
