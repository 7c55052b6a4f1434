# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    """First-touch and last-touch source of each patient, on every lead of the patient.

    A patient's touches are the marketing sources (utm.source) of all their leads:
    the source each lead arrived with, then every later change of source kept in
    the lead's tracking history. The earliest touch is the first-touch source,
    the latest the last-touch source. Leads that reached a won stage (Treatment
    Started) count as starts, with their expected revenue as contract value, so
    sources are judged by starts and revenue, not by lead counts.
    """

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # Tracked so that each change of source is a touch in the history.
    source_id = fields.Many2one(tracking=True)
    clinic_arrival_source_id = fields.Many2one(
        "utm.source", string="Arrival Source", readonly=True, copy=False, ondelete="set null",
        help="The source the lead arrived with, kept when the source is later changed.",
    )  # fmt: skip
    clinic_first_touch_source_id = fields.Many2one(
        "utm.source", string="First Touch", readonly=True, copy=False, index="btree_not_null",
        ondelete="set null", help="The patient's earliest source, across all their leads.",
    )  # fmt: skip
    clinic_last_touch_source_id = fields.Many2one(
        "utm.source", string="Last Touch", readonly=True, copy=False, index="btree_not_null",
        ondelete="set null", help="The patient's latest source, across all their leads.",
    )  # fmt: skip
    clinic_start_count = fields.Integer(
        string="Treatment Starts", compute="_compute_clinic_start", store=True,
        help="1 when the lead reached Treatment Started (won).",
    )  # fmt: skip
    clinic_contract_value = fields.Monetary(
        string="Contract Value", compute="_compute_clinic_start", store=True,
        currency_field="company_currency",
        help="Expected revenue of a lead that started treatment.",
    )  # fmt: skip

    @api.depends("won_status", "expected_revenue")
    def _compute_clinic_start(self):
        for lead in self:
            started = lead.won_status == "won"
            lead.clinic_start_count = 1 if started else 0
            lead.clinic_contract_value = lead.expected_revenue if started else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("source_id"):
                vals.setdefault("clinic_arrival_source_id", vals["source_id"])
        leads = super().create(vals_list)
        leads._clinic_compute_attribution()
        return leads

    def write(self, vals):
        if vals.get("source_id"):
            # A lead given its first source after creation arrived with that source.
            for lead in self.filtered(lambda lead: not lead.clinic_arrival_source_id):
                lead.clinic_arrival_source_id = lead.source_id or vals["source_id"]
        res = super().write(vals)
        if {"source_id", "clinic_patient_id", "partner_id"} & set(vals):
            self._clinic_compute_attribution()
        return res

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
