# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

WAIT_UNITS = [("days", "days"), ("weeks", "weeks"), ("months", "months")]


class ClinicTreatmentPhase(models.Model):
    """A stage of a treatment plan (e.g. implant stage 1, stage 2, restoration).

    When the previous phase is done, the phase waits (healing time: its own wait, or
    the longest of the previous phase's procedures) and the front desk gets a task to
    book it; the plan's at-risk job follows up when it is not booked in time.
    """

    _name = "clinic.treatment.phase"
    _description = "Treatment Plan Phase"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        "clinic.treatment.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    procedure_ids = fields.One2many("clinic.treatment.procedure", "phase_id", string="Procedures")
    at_risk_days = fields.Integer(
        string="Book Within (days)",
        help="The plan is at risk when this phase is not booked this many days after the "
        "previous phase was done; 0 uses the clinic's default.",
    )
    wait_count = fields.Integer(
        string="Wait",
        help="Time between the previous phase and this one (e.g. 8 weeks of healing before "
        "implant stage 2). A procedure of the previous phase may ask for longer.",
    )
    wait_unit = fields.Selection(WAIT_UNITS, default="weeks")
    state = fields.Selection(
        [("pending", "Not booked"), ("booked", "Booked"), ("done", "Done")],
        compute="_compute_state",
        store=True,
    )
    date_done = fields.Date(string="Done On", compute="_compute_state", store=True)
    date_target = fields.Date(
        string="Due From",
        readonly=True,
        copy=False,
        help="When the previous phase was done plus the wait: the date to book this phase "
        "for. Set when the front desk is asked to book it.",
    )
    date_followup_started = fields.Date(
        string="Follow-up Started",
        readonly=True,
        copy=False,
        help="The day the follow-up sequence started because the phase was not booked in time.",
    )

    @api.depends("procedure_ids.status", "procedure_ids.date_done")
    def _compute_state(self):
        for phase in self:
            procedures = phase.procedure_ids.filtered(lambda p: p.status != "cancelled")
            if procedures and all(p.status == "done" for p in procedures):
                phase.state = "done"
                phase.date_done = max(procedures.mapped("date_done"), default=False) or False
            elif any(p.status in ("scheduled", "done") for p in procedures):
                phase.state = "booked"
                phase.date_done = False
            else:
                phase.state = "pending"
                phase.date_done = False

    def _clinic_wait_after(self, previous):
        """The date this phase may start, after ``previous`` (a phase done)."""
        self.ensure_one()
        waits = [relativedelta(**{self.wait_unit or "weeks": self.wait_count})]
        waits += [
            relativedelta(**{procedure.wait_unit or "weeks": procedure.wait_count})
            for procedure in previous.procedure_ids
            if procedure.status == "done" and procedure.wait_count
        ]
        return max(previous.date_done + wait for wait in waits)

    def _clinic_wait_label(self, previous):
        """The wait in words ("8 weeks"), for the front desk's task."""
        self.ensure_one()
        counts = [(self.wait_count, self.wait_unit or "weeks")] + [
            (procedure.wait_count, procedure.wait_unit or "weeks")
            for procedure in previous.procedure_ids
            if procedure.status == "done" and procedure.wait_count
        ]
        target = self._clinic_wait_after(previous)
        for count, unit in counts:
            if count and previous.date_done + relativedelta(**{unit: count}) == target:
                label = dict(self._fields["wait_unit"]._description_selection(self.env))[unit]
                return f"{count} {label[:-1] if count == 1 else label}"
        return ""
