# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import UserError

PLAN_STATES = [
    ("presented", "Presented"),
    ("accepted", "Accepted"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
    ("declined", "Declined"),
]
ICP_PHASE_DAYS = "crm_ortho_onboarding.plan_next_phase_days"
ICP_START_DAYS = "crm_ortho_onboarding.plan_start_days"
ICP_PENDING_DAYS = "crm_ortho_onboarding.plan_pending_days"


class ClinicTreatmentPlan(models.Model):
    """What the doctor proposed to a patient, in phases of procedures.

    A plan is *at risk* when the patient stops moving through it: accepted with
    no start appointment, or a phase done and the next one not booked in time.
    The daily job flags those and gives the coordinator a to-do.
    """

    _name = "clinic.treatment.plan"
    _description = "Treatment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_presented desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('clinic_is_patient', '=', True)]",
        check_company=True,
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", index="btree_not_null", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    doctor_id = fields.Many2one("res.users", tracking=True)
    state = fields.Selection(
        PLAN_STATES, required=True, default="presented", tracking=True, index=True
    )
    date_presented = fields.Date(
        string="Presented On", default=fields.Date.context_today, required=True, tracking=True
    )
    date_accepted = fields.Date(string="Accepted On", readonly=True, tracking=True)
    date_started = fields.Date(string="Started On", readonly=True, tracking=True)
    date_completed = fields.Date(string="Completed On", readonly=True, tracking=True)
    date_declined = fields.Date(string="Declined On", readonly=True, tracking=True)
    decline_reason = fields.Text(tracking=True)
    phase_ids = fields.One2many("clinic.treatment.phase", "plan_id", string="Phases")
    procedure_ids = fields.One2many("clinic.treatment.procedure", "plan_id", string="Procedures")
    amount_total = fields.Monetary(
        string="Total Fees",
        compute="_compute_amount_total",
        store=True,
        currency_field="currency_id",
    )
    start_event_id = fields.Many2one(
        "calendar.event",
        string="Start Appointment",
        tracking=True,
        help="The appointment where treatment begins.",
    )
    is_at_risk = fields.Boolean(string="At Risk", readonly=True, index=True, tracking=True)
    at_risk_reason = fields.Char(readonly=True)
    date_at_risk = fields.Date(string="At Risk Since", readonly=True)
    notes = fields.Html()

    @api.depends("procedure_ids.fee", "procedure_ids.status")
    def _compute_amount_total(self):
        for plan in self:
            plan.amount_total = sum(
                plan.procedure_ids.filtered(lambda p: p.status != "cancelled").mapped("fee")
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("lead_id") and not vals.get("patient_id"):
                lead = self.env["crm.lead"].browse(vals["lead_id"])
                vals["patient_id"] = (lead.clinic_patient_id or lead.partner_id).id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _clinic_check_state(self, allowed, action):
        wrong = self.filtered(lambda plan: plan.state not in allowed)
        if wrong:
            labels = dict(PLAN_STATES)
            raise UserError(
                self.env._(
                    "Plan “%(plan)s” is %(state)s: it cannot be %(action)s.",
                    plan=wrong[0].name,
                    state=labels[wrong[0].state].lower(),
                    action=action,
                )
            )

    def action_accept(self):
        self._clinic_check_state(("presented", "declined"), self.env._("accepted"))
        self.write({"state": "accepted", "date_accepted": fields.Date.context_today(self)})
        return True

    def action_start(self):
        self._clinic_check_state(("accepted",), self.env._("started"))
        self.write({"state": "in_progress", "date_started": fields.Date.context_today(self)})
        return True

    def action_complete(self):
        self._clinic_check_state(("in_progress",), self.env._("completed"))
        open_procedures = self.procedure_ids.filtered(
            lambda p: p.status not in ("done", "cancelled")
        )
        if open_procedures:
            raise UserError(
                self.env._(
                    "Finish or cancel these procedures first: %s",
                    ", ".join(open_procedures.mapped("display_name")),
                )
            )
        self.write(
            {
                "state": "completed",
                "date_completed": fields.Date.context_today(self),
                "is_at_risk": False,
                "at_risk_reason": False,
            }
        )
        return True

    def action_decline(self):
        self._clinic_check_state(("presented", "accepted"), self.env._("declined"))
        missing = self.filtered(lambda plan: not (plan.decline_reason or "").strip())
        if missing:
            raise UserError(
                self.env._("Plan “%s”: write why the patient declined first.", missing[0].name)
            )
        self.write(
            {
                "state": "declined",
                "date_declined": fields.Date.context_today(self),
                "is_at_risk": False,
                "at_risk_reason": False,
            }
        )
        return True

    def action_reset_presented(self):
        self._clinic_check_state(("declined",), self.env._("presented again"))
        self.write({"state": "presented", "date_presented": fields.Date.context_today(self)})
        return True

    def action_schedule_followup(self):
        """Plan a follow-up call on declined or pending plans (follow-up campaigns)."""
        for plan in self:
            plan.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=fields.Date.context_today(plan) + timedelta(days=1),
                summary=self.env._("Follow up on the treatment plan"),
                user_id=(plan.user_id or self.env.user).id,
            )
        return True

    # ------------------------------------------------------------------
    # At-risk rules
    # ------------------------------------------------------------------

    def _clinic_at_risk_reason(self, today):
        """Why this plan is at risk on ``today``, or False."""
        self.ensure_one()
        icp = self.env["ir.config_parameter"].sudo()
        start_days = int(icp.get_param(ICP_START_DAYS, 7))
        default_phase_days = int(icp.get_param(ICP_PHASE_DAYS, 10))
        if self.state == "accepted" and not self.start_event_id:
            accepted = self.date_accepted or self.date_presented
            if (today - accepted).days >= start_days:
                return self.env._(
                    "Accepted %(days)s days ago and no start appointment booked.",
                    days=(today - accepted).days,
                )
        if self.state in ("accepted", "in_progress"):
            phases = self.phase_ids.sorted(lambda phase: (phase.sequence, phase.id))
            for previous, phase in pairwise(phases):
                if phase.state != "pending" or previous.state != "done" or not previous.date_done:
                    continue
                days = phase.at_risk_days or default_phase_days
                waited = (today - previous.date_done).days
                if waited >= days:
                    return self.env._(
                        "%(phase)s not booked %(waited)s days after %(previous)s was done.",
                        phase=phase.name,
                        waited=waited,
                        previous=previous.name,
                    )
        return False

    def _clinic_update_at_risk(self, today=None):
        """Flag the plans at risk on ``today``; give each newly at-risk plan a to-do."""
        today = today or fields.Date.context_today(self)
        for plan in self:
            reason = plan._clinic_at_risk_reason(today)
            if reason and not plan.is_at_risk:
                plan.write({"is_at_risk": True, "at_risk_reason": reason, "date_at_risk": today})
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._("Treatment plan at risk"),
                    note=reason,
                    user_id=(plan.user_id or plan.lead_id.user_id or self.env.user).id,
                )
            elif reason and plan.at_risk_reason != reason:
                plan.at_risk_reason = reason
            elif not reason and plan.is_at_risk:
                plan.write({"is_at_risk": False, "at_risk_reason": False, "date_at_risk": False})

    @api.model
    def _cron_clinic_plans_at_risk(self):
        plans = self.search(
            ["|", ("state", "in", ("accepted", "in_progress")), ("is_at_risk", "=", True)]
        )
        plans._clinic_update_at_risk()
