# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from itertools import pairwise

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date

PLAN_STATES = [
    ("draft", "Draft"),
    ("presented", "Presented"),
    ("accepted", "Accepted"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
    ("declined", "Declined"),
]
ICP_PHASE_DAYS = "crm_ortho_onboarding.plan_next_phase_days"
ICP_START_DAYS = "crm_ortho_onboarding.plan_start_days"
ICP_PENDING_DAYS = "crm_ortho_onboarding.plan_pending_days"
ICP_APPROVAL_AMOUNT = "crm_clinic_treatment.plan_approval_amount"
ICP_FOLLOWUP_PLAN = "crm_clinic_treatment.phase_followup_plan_id"
GROUP_APPROVE = "crm_clinic_treatment.group_clinic_treatment_approve_plans"
# Written only by action_approve (a senior dentist's sign-off).
APPROVAL_FIELDS = ("approved_by_id", "date_approved", "approved_amount")


class ClinicTreatmentPlan(models.Model):
    """What the doctor proposed to a patient, in phases of procedures.

    A plan is drafted, then presented to the patient; above the clinic's amount a
    senior dentist signs it off first (permission treatment:approve_plans).

    A plan moves itself: when a phase is done, the front desk gets a task to book
    the next one after its wait. A plan is *at risk* when the patient stops moving
    through it: accepted with no start appointment (the coordinator gets a to-do),
    or a phase done and the next one not booked in time (the clinic's follow-up
    sequence, an activity plan, starts and stops as soon as the phase is booked).
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
    front_desk_user_id = fields.Many2one(
        "res.users",
        string="Front Desk",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who books the patient's visits: gets the task to book each next phase, and "
        "the calls and texts when it is not booked in time (else the coordinator).",
    )
    state = fields.Selection(PLAN_STATES, required=True, default="draft", tracking=True, index=True)
    date_presented = fields.Date(string="Presented On", copy=False, tracking=True)
    # Sign-off by a senior dentist, above the clinic's amount.
    is_approval_required = fields.Boolean(
        string="Sign-off Required",
        compute="_compute_approval",
        help="The plan's fees are above the amount that needs a senior dentist's sign-off "
        "(Settings).",
    )
    is_approved = fields.Boolean(string="Signed Off", compute="_compute_approval")
    approved_by_id = fields.Many2one(
        "res.users", string="Signed Off By", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Date(string="Signed Off On", readonly=True, copy=False, tracking=True)
    approved_amount = fields.Monetary(
        string="Signed-off Fees",
        readonly=True,
        copy=False,
        tracking=True,
        currency_field="currency_id",
        help="The fees the sign-off covers: higher fees need a new sign-off.",
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

    @api.depends("amount_total", "approved_amount", "approved_by_id")
    def _compute_approval(self):
        threshold = self._clinic_approval_threshold()
        for plan in self:
            plan.is_approval_required = bool(threshold) and plan.amount_total > threshold
            plan.is_approved = bool(plan.approved_by_id) and (
                plan.approved_amount >= plan.amount_total
            )

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
            if vals.get("state", "draft") != "draft" and not vals.get("date_presented"):
                vals["date_presented"] = fields.Date.context_today(self)
        self._clinic_check_approval_write(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._clinic_check_approval_write([vals])
        return super().write(vals)

    def _clinic_check_approval_write(self, vals_list):
        """The sign-off is a senior dentist's act: only action_approve writes it."""
        if self.env.su or self.env.context.get("clinic_plan_approving"):
            return
        if any(field in vals for vals in vals_list for field in APPROVAL_FIELDS):
            raise AccessError(
                self.env._("Only a senior dentist signs off a treatment plan, with Sign Off.")
            )

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

    @api.model
    def _clinic_approval_threshold(self):
        """Fees above which a plan needs a senior dentist's sign-off (0: never)."""
        value = self.env["ir.config_parameter"].sudo().get_param(ICP_APPROVAL_AMOUNT, 0)
        try:
            return float(value or 0)
        except ValueError:
            return 0.0

    def action_present(self):
        """The plan is shown to the patient: signed off first when above the amount."""
        self._clinic_check_state(("draft",), self.env._("presented"))
        unsigned = self.filtered(lambda plan: plan.is_approval_required and not plan.is_approved)
        if unsigned:
            plan = unsigned[0]
            raise UserError(
                self.env._(
                    "Plan “%(plan)s” (%(amount)s) is above %(threshold)s: a senior dentist "
                    "must sign it off before it is presented. Use Request Sign-off.",
                    plan=plan.name,
                    amount=format_amount(self.env, plan.amount_total, plan.currency_id),
                    threshold=format_amount(
                        self.env, self._clinic_approval_threshold(), plan.currency_id
                    ),
                )
            )
        self.write({"state": "presented", "date_presented": fields.Date.context_today(self)})
        return True

    def _clinic_approvers(self):
        """The doctor of the plan when they may sign off, else the others who may."""
        self.ensure_one()
        group = self.env.ref(GROUP_APPROVE)
        if self.doctor_id and group in self.doctor_id.all_group_ids:
            return self.doctor_id
        return group.all_user_ids.filtered(lambda user: not user.share and user.active)

    def action_request_approval(self):
        """Ask a senior dentist to sign the plan off: a to-do for them, logged in the chatter."""
        for plan in self:
            plan._clinic_check_state(("draft",), self.env._("sent for sign-off"))
            approver = plan._clinic_approvers()[:1]
            if not approver:
                raise UserError(
                    self.env._(
                        "No one may sign off treatment plans yet: the administrator grants the "
                        "permission treatment:approve_plans to the senior dentists."
                    )
                )
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Sign off the treatment plan"),
                note=self.env._(
                    "%(amount)s: above the amount that needs a senior dentist's sign-off.",
                    amount=format_amount(self.env, plan.amount_total, plan.currency_id),
                ),
                user_id=approver.id,
            )
            plan.message_post(
                body=self.env._(
                    "Sign-off requested from %(approver)s (%(amount)s).",
                    approver=approver.name,
                    amount=format_amount(self.env, plan.amount_total, plan.currency_id),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve(self):
        """A senior dentist signs the plan off for its current fees (tracked in the chatter)."""
        if not self.env.user.has_group(GROUP_APPROVE):
            raise AccessError(
                self.env._(
                    "Only a senior dentist signs off treatment plans (permission "
                    "treatment:approve_plans): ask one to sign off “%(plan)s”.",
                    plan=self[:1].name,
                )
            )
        self._clinic_check_state(("draft",), self.env._("signed off"))
        today = fields.Date.context_today(self)
        for plan in self:
            plan.with_context(clinic_plan_approving=True).write(
                {
                    "approved_by_id": self.env.user.id,
                    "date_approved": today,
                    "approved_amount": plan.amount_total,
                }
            )
            plan.message_post(
                body=self.env._(
                    "Signed off by %(user)s for %(amount)s.",
                    user=self.env.user.name,
                    amount=format_amount(self.env, plan.amount_total, plan.currency_id),
                ),
                subtype_xmlid="mail.mt_note",
            )
            requests = plan.activity_ids.filtered(
                lambda activity: activity.summary == self.env._("Sign off the treatment plan")
            )
            # The request is the approver's own to-do, or another approver's.
            requests.sudo().action_feedback(feedback=self.env._("Signed off"))
        return True

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
    # Phases: the front desk books each next phase
    # ------------------------------------------------------------------

    def _clinic_front_desk_user(self):
        """Who books this plan's visits."""
        self.ensure_one()
        return self.front_desk_user_id or self.user_id or self.env.user

    def _clinic_phase_window_days(self, phase):
        default = int(self.env["ir.config_parameter"].sudo().get_param(ICP_PHASE_DAYS, 10))
        return phase.at_risk_days or default

    def _clinic_sync_phases(self):
        """Ask the front desk to book each phase whose previous phase is done; close the
        task and stop the follow-up of each phase that is booked. Idempotent: called on
        every procedure change and by the daily job."""
        for plan in self.filtered(lambda p: p.state in ("accepted", "in_progress")):
            phases = plan.phase_ids.sorted(lambda phase: (phase.sequence, phase.id))
            for previous, phase in pairwise(phases):
                if (
                    phase.state == "pending"
                    and previous.state == "done"
                    and previous.date_done
                    and not phase.date_target
                ):
                    plan._clinic_request_booking(previous, phase)
        booked = self.phase_ids.filtered(lambda phase: phase.state != "pending")
        if booked:
            self._clinic_stop_phase_activities(booked)
            # Booked: the plan is no longer at risk for it, without waiting for the job.
            self.filtered("is_at_risk")._clinic_update_at_risk()

    def _clinic_request_booking(self, previous, phase):
        """The front desk's task: book ``phase`` for after its wait."""
        self.ensure_one()
        target = phase._clinic_wait_after(previous)
        window_end = previous.date_done + timedelta(days=self._clinic_phase_window_days(phase))
        wait = phase._clinic_wait_label(previous)
        phase.date_target = target
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            # Booked within the window, for a visit on or after the target date.
            date_deadline=min(target, window_end),
            summary=(
                self.env._("Book %(phase)s in %(wait)s", phase=phase.name, wait=wait)
                if wait
                else self.env._("Book %(phase)s", phase=phase.name)
            ),
            note=self.env._(
                "%(previous)s was done on %(done)s. Book %(phase)s on or after %(target)s "
                "before %(deadline)s, or the plan is at risk and the follow-up starts.",
                previous=previous.name,
                done=format_date(self.env, previous.date_done),
                phase=phase.name,
                target=format_date(self.env, target),
                deadline=format_date(self.env, window_end),
            ),
            user_id=self._clinic_front_desk_user().id,
            clinic_treatment_phase_id=phase.id,
            clinic_phase_step="booking",
        )

    def _clinic_stop_phase_activities(self, phases):
        """A phase booked: its booking task is done and its follow-up sequence stops."""
        # Activities are written only by their creator or assignee (Odoo's rule): the
        # booking is done by whoever books, the tasks are the front desk's and the job's.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("clinic_treatment_phase_id", "in", phases.ids),
                    ("res_model", "=", self._name),
                ]
            )
        )
        tasks = activities.filtered(lambda activity: activity.clinic_phase_step == "booking")
        steps = activities - tasks
        if tasks:
            tasks.action_feedback(feedback=self.env._("Booked"))
        if steps:
            for plan in self.filtered(lambda p: p.id in steps.mapped("res_id")):
                plan_steps = steps.filtered(lambda activity, p=plan: activity.res_id == p.id)
                plan.message_post(
                    body=self.env._(
                        "Follow-up stopped: %(phases)s booked (%(count)s steps cancelled).",
                        phases=", ".join(plan_steps.clinic_treatment_phase_id.mapped("name")),
                        count=len(plan_steps),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            steps.unlink()
        phases.filtered("date_followup_started").date_followup_started = False

    def _clinic_followup_plan(self):
        """The activity plan that follows up an unbooked phase (Settings)."""
        plan_id = self.env["ir.config_parameter"].sudo().get_param(ICP_FOLLOWUP_PLAN)
        plan = self.env["mail.activity.plan"].browse(int(plan_id)).exists() if plan_id else None
        return plan or self.env.ref(
            "crm_clinic_treatment.mail_activity_plan_phase_not_booked", raise_if_not_found=False
        )

    def _clinic_start_phase_followup(self, phase, today):
        """Launch the follow-up sequence (call, text, call, coordinator review by default)
        for ``phase``, once: its steps are the activity plan's, dated from ``today``."""
        self.ensure_one()
        sequence = self._clinic_followup_plan()
        phase.date_followup_started = today
        if not sequence or not sequence.template_ids:
            return
        lines = []
        for template in sequence.template_ids:
            responsible = (
                template._determine_responsible(self.user_id, self)["responsible"]
                or self._clinic_front_desk_user()
            )
            deadline = template._get_date_deadline(today)
            self.activity_schedule(
                activity_type_id=template.activity_type_id.id,
                summary=template.summary or template.activity_type_id.name,
                note=template.note,
                date_deadline=deadline,
                user_id=responsible.id,
                clinic_treatment_phase_id=phase.id,
                clinic_phase_step="followup",
            )
            lines.append(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(step)s, %(user)s, %(date)s",
                    step=template.summary or template.activity_type_id.name,
                    user=responsible.name,
                    date=format_date(self.env, deadline),
                )
            )
        self.message_post(
            body=Markup("%s<ul>%s</ul>")
            % (
                self.env._(
                    "%(phase)s is not booked: follow-up “%(sequence)s” started.",
                    phase=phase.name,
                    sequence=sequence.name,
                ),
                Markup().join(lines),
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # At-risk rules
    # ------------------------------------------------------------------

    def _clinic_unbooked_phase(self, today):
        """The first phase not booked in time after the previous one was done, and how long
        the patient has waited, or (phase.browse(), 0)."""
        self.ensure_one()
        Phase = self.env["clinic.treatment.phase"]
        if self.state not in ("accepted", "in_progress"):
            return Phase, 0
        phases = self.phase_ids.sorted(lambda phase: (phase.sequence, phase.id))
        for previous, phase in pairwise(phases):
            if phase.state != "pending" or previous.state != "done" or not previous.date_done:
                continue
            waited = (today - previous.date_done).days
            if waited >= self._clinic_phase_window_days(phase):
                return phase, waited
        return Phase, 0

    def _clinic_at_risk_reason(self, today):
        """Why this plan is at risk on ``today``, or False."""
        self.ensure_one()
        icp = self.env["ir.config_parameter"].sudo()
        start_days = int(icp.get_param(ICP_START_DAYS, 7))
        if self.state == "accepted" and not self.start_event_id:
            accepted = self.date_accepted or self.date_presented
            if (today - accepted).days >= start_days:
                return self.env._(
                    "Accepted %(days)s days ago and no start appointment booked.",
                    days=(today - accepted).days,
                )
        phase, waited = self._clinic_unbooked_phase(today)
        if phase:
            previous = self.phase_ids.filtered(
                lambda p: (p.sequence, p.id) < (phase.sequence, phase.id) and p.state == "done"
            ).sorted(lambda p: (p.sequence, p.id))[-1:]
            return self.env._(
                "%(phase)s not booked %(waited)s days after %(previous)s was done.",
                phase=phase.name,
                waited=waited,
                previous=previous.name,
            )
        return False

    def _clinic_update_at_risk(self, today=None):
        """Flag the plans at risk on ``today``. A phase not booked in time starts its
        follow-up sequence (once); an accepted plan without start appointment gives the
        coordinator a to-do."""
        today = today or fields.Date.context_today(self)
        for plan in self:
            reason = plan._clinic_at_risk_reason(today)
            phase, _waited = plan._clinic_unbooked_phase(today)
            if reason and not plan.is_at_risk:
                plan.write({"is_at_risk": True, "at_risk_reason": reason, "date_at_risk": today})
                if not phase:
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
            if phase and not phase.date_followup_started:
                plan._clinic_start_phase_followup(phase, today)

    @api.model
    def _cron_clinic_plans_at_risk(self):
        plans = self.search(
            ["|", ("state", "in", ("accepted", "in_progress")), ("is_at_risk", "=", True)]
        )
        plans._clinic_sync_phases()
        plans._clinic_update_at_risk()
