# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ClinicTreatmentPhase(models.Model):
    """A stage of a treatment plan (e.g. implant stage 1, stage 2, restoration)."""

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
    state = fields.Selection(
        [("pending", "Not booked"), ("booked", "Booked"), ("done", "Done")],
        compute="_compute_state",
        store=True,
    )
    date_done = fields.Date(string="Done On", compute="_compute_state", store=True)

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
