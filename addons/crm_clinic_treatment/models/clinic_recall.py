# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class ClinicRecall(models.Model):
    """One recall of one patient: due on a date, then done or cancelled.

    Keeping each recall as a record gives the overdue list and the recall rate
    (recalls done / recalls due) without recomputing history.
    """

    _name = "clinic.recall"
    _description = "Patient Recall"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"

    patient_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    rule_id = fields.Many2one("clinic.recall.rule", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_due = fields.Date(string="Due", required=True, index=True, tracking=True)
    state = fields.Selection(
        [("open", "Due"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="open",
        index=True,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", tracking=True)
    is_notified = fields.Boolean(string="Reminder Sent", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    _patient_rule_open = models.UniqueIndex(
        "(patient_id, rule_id) WHERE state = 'open'",
        "A patient has one open recall per rule.",
    )

    @api.depends("date_due", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for recall in self:
            recall.is_overdue = recall.state == "open" and recall.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        overdue = [("state", "=", "open"), ("date_due", "<", today)]
        if (operator == "=") == value:
            return overdue
        return ["|", ("state", "!=", "open"), ("date_due", ">=", today)]

    @api.depends("patient_id", "rule_id", "date_due")
    def _compute_display_name(self):
        for recall in self:
            recall.display_name = f"{recall.patient_id.name} – {recall.rule_id.name}"

    def action_done(self, date_done=None):
        """The recall visit happened: close it and plan the next one of the rule."""
        date_done = date_done or fields.Date.context_today(self)
        recalls = self.filtered(lambda r: r.state == "open")
        recalls.write({"state": "done", "date_done": date_done})
        recalls.activity_feedback(["mail.mail_activity_data_todo"])
        for recall in recalls:
            recall.rule_id._clinic_plan_recall(recall.patient_id)
        return True

    def action_cancel(self):
        self.filtered(lambda r: r.state == "open").write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_clinic_recalls(self, today=None):
        """Plan missing recalls, then remind the team and the patient of the ones due soon."""
        today = today or fields.Date.context_today(self)
        for rule in self.env["clinic.recall.rule"].search([("active", "=", True)]):
            for patient in rule._clinic_patients():
                rule._clinic_plan_recall(patient)
        due = self.search([("state", "=", "open"), ("is_notified", "=", False)]).filtered(
            lambda r: r.date_due - timedelta(days=r.rule_id.notice_days) <= today
        )
        template = self.env.ref(
            "crm_clinic_treatment.mail_template_recall_due", raise_if_not_found=False
        )
        for recall in due:
            recall.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=max(today, recall.date_due - timedelta(days=7)),
                summary=self.env._("Recall due: book %(rule)s", rule=recall.rule_id.name),
                user_id=(recall.patient_id.user_id or self.env.user).id,
            )
            if template and recall.patient_id.email:
                recall.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment", partner_ids=recall.patient_id.ids
                )
        due.write({"is_notified": True})

    @api.model
    def _clinic_recall_rate(self, date_from, date_to):
        """Share of the recalls due in the period (up to today) that were done."""
        today = fields.Date.context_today(self)
        groups = self._read_group(
            [
                ("date_due", ">=", date_from),
                ("date_due", "<=", min(date_to, today)),
                ("state", "!=", "cancelled"),
            ],
            ["state"],
            ["__count"],
        )
        counts = dict(groups)
        total = sum(counts.values())
        return round(100.0 * counts.get("done", 0) / total, 1) if total else 0.0
