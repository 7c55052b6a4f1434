# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .referral_tools import REFERRAL_STATUSES, STATUS_LETTERS

DEFAULT_CHASE_DAYS = "3,7,14,30"


CLINICAL = (
    "crm_ortho_onboarding.group_clinic_doctor,crm_ortho_onboarding.group_clinic_clinical_staff,"
    "crm_ortho_onboarding.group_clinic_front_desk,"
    "crm_ortho_onboarding.group_clinic_treatment_coordinator"
)


class ClinicReferral(models.Model):
    """One referral: who sent (or to whom the clinic sent) which patient, and how it went.

    Incoming referrals come from a referring provider (or a patient's family or
    friend) and follow their lead through the pipeline: the stage says consult or
    treatment started, a lost lead means not started. Each step prepares the letter
    the provider should get; the thank-you goes out by itself after a delay.

    Outgoing referrals are chased until the specialist confirms the visit: the
    coordinator gets a call activity on a schedule after the referral date (3, 7, 14
    and 30 days by default); after the last one the referral is flagged as leaked.
    """

    _name = "clinic.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_referral desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing (to a specialist)")],
        required=True,
        default="incoming",
        tracking=True,
        index=True,
    )
    referrer_kind = fields.Selection(
        [("provider", "Provider"), ("patient", "Patient, family or friend")],
        string="Referred by a",
        required=True,
        default="provider",
        tracking=True,
    )
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Incoming: who referred the patient. Outgoing: the specialist the patient is sent to.",
    )
    practice_id = fields.Many2one(
        "res.partner",
        compute="_compute_practice_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
    )
    lead_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
        check_company=True,
    )
    patient_id = fields.Many2one(
        "res.partner",
        compute="_compute_patient_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
    )
    patient_name = fields.Char(
        compute="_compute_patient_name",
        store=True,
        readonly=False,
        help="From the patient or the lead; type it for a referral recorded without either.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one("crm.team", string="Location", related="lead_id.team_id", store=True)
    date_referral = fields.Date(
        string="Referral Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    reason = fields.Text(help="Why the patient was referred (the provider's words).")
    status = fields.Selection(
        REFERRAL_STATUSES,
        compute="_compute_status",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
        help="Follows the lead: its stage says consult or treatment started, a lost lead "
        "means not started. Set Completed when treatment ends.",
    )
    # No default on status: a default would count as a given value and skip the compute.
    date_consult = fields.Date(
        string="Consult Date",
        compute="_compute_status",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_started = fields.Date(
        string="Treatment Start",
        compute="_compute_status",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_completed = fields.Date(string="Treatment End", tracking=True)
    days_to_consult = fields.Integer(
        compute="_compute_days",
        store=True,
        aggregator="avg",
        help="Days from the referral to the consult.",
    )
    days_to_start = fields.Integer(
        string="Days to Start",
        compute="_compute_days",
        store=True,
        aggregator="avg",
        help="Days from the referral to the start of treatment.",
    )
    is_converted = fields.Boolean(
        string="Converted", compute="_compute_is_converted", store=True, index=True
    )
    conversion_rate = fields.Float(
        string="Conversion Rate (%)",
        compute="_compute_is_converted",
        store=True,
        aggregator="avg",
        help="100 for a referral that started treatment, else 0.",
    )
    # Clinical content: for the roles that treat or correspond, not Billing or Read Only.
    findings = fields.Html(
        help="Consult findings, shared with the provider in the letters.", groups=CLINICAL
    )
    treatment_summary = fields.Html(
        help="Treatment plan summary for the provider's letters.", groups=CLINICAL
    )
    letter_ids = fields.One2many("clinic.referral.letter", "referral_id", string="Letters")
    letter_count = fields.Integer(compute="_compute_letter_count")
    date_next_progress_report = fields.Date(
        string="Next Progress Report",
        compute="_compute_date_next_progress_report",
        store=True,
        index="btree_not_null",
    )

    # Outgoing referrals are chased until the specialist confirms the visit: a patient
    # sent to a specialist who never goes is care lost (leakage).
    specialist_visit_confirmed = fields.Boolean(
        string="Visit Confirmed",
        tracking=True,
        copy=False,
        help="The specialist's office confirmed that the patient was seen.",
    )
    date_specialist_visit = fields.Date(string="Specialist Visit", tracking=True, copy=False)
    chase_count = fields.Integer(string="Chases", readonly=True, copy=False)
    date_next_chase = fields.Date(
        string="Next Chase",
        compute="_compute_date_next_chase",
        store=True,
        index="btree_not_null",
    )
    is_leaked = fields.Boolean(
        string="Leaked",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Every chase was made and the specialist never confirmed the visit.",
    )

    @api.depends("provider_id", "lead_id.clinic_referral_account_id")
    def _compute_practice_id(self):
        for referral in self:
            parent = referral.provider_id.parent_id
            if referral.lead_id.clinic_referral_account_id:
                referral.practice_id = referral.lead_id.clinic_referral_account_id
            elif parent.is_company:
                referral.practice_id = parent
            else:
                referral.practice_id = referral.practice_id

    @api.depends("lead_id.clinic_patient_id")
    def _compute_patient_id(self):
        for referral in self:
            referral.patient_id = referral.lead_id.clinic_patient_id or referral.patient_id

    @api.depends("patient_id.name", "lead_id.contact_name", "lead_id.name")
    def _compute_patient_name(self):
        for referral in self:
            lead = referral.lead_id
            lead_name = " ".join(filter(None, [lead.clinic_first_name, lead.clinic_last_name]))
            referral.patient_name = (
                referral.patient_id.name
                or lead_name
                or lead.contact_name
                or lead.name
                or referral.patient_name
            )

    @api.depends("lead_id.user_id")
    def _compute_user_id(self):
        for referral in self:
            referral.user_id = referral.lead_id.user_id or referral.user_id

    @api.depends(
        "lead_id.stage_id.clinic_referral_status",
        "lead_id.active",
        "lead_id.won_status",
        "date_completed",
    )
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for referral in self:
            status = referral._clinic_status_from_lead()
            referral.status = status
            # The first day a step is reached is kept: it feeds time-to-consult/start.
            if status in ("consult", "started", "completed"):
                referral.date_consult = referral.date_consult or today
            else:
                referral.date_consult = referral.date_consult
            if status in ("started", "completed"):
                referral.date_started = referral.date_started or today
            else:
                referral.date_started = referral.date_started

    def _clinic_status_from_lead(self):
        self.ensure_one()
        lead = self.lead_id
        if self.date_completed or self.status == "completed":
            return "completed"
        if not lead:
            return self.status or "referred"
        if lead.won_status == "lost" or not lead.active:
            return "not_started"
        status = lead.stage_id.clinic_referral_status or "referred"
        if lead.won_status == "won" and status in ("referred", "consult"):
            status = "started"
        return status

    @api.depends("date_referral", "date_consult", "date_started")
    def _compute_days(self):
        for referral in self:
            start = referral.date_referral
            referral.days_to_consult = (
                (referral.date_consult - start).days if referral.date_consult and start else 0
            )
            referral.days_to_start = (
                (referral.date_started - start).days if referral.date_started and start else 0
            )

    @api.depends("status")
    def _compute_is_converted(self):
        for referral in self:
            referral.is_converted = referral.status in ("started", "completed")
            referral.conversion_rate = 100.0 if referral.is_converted else 0.0

    def _compute_letter_count(self):
        counts = dict(
            self.env["clinic.referral.letter"]._read_group(
                [("referral_id", "in", self.ids)], ["referral_id"], ["__count"]
            )
        )
        for referral in self:
            referral.letter_count = counts.get(referral, 0)

    @api.depends("status", "date_started", "direction", "referrer_kind", "letter_ids.event")
    def _compute_date_next_progress_report(self):
        months = self._clinic_progress_months()
        for referral in self:
            if (
                not months
                or referral.status != "started"
                or not referral.date_started
                or referral.direction != "incoming"
                or referral.referrer_kind != "provider"
            ):
                referral.date_next_progress_report = False
                continue
            done = len(referral.letter_ids.filtered(lambda x: x.event == "progress_report"))
            referral.date_next_progress_report = referral.date_started + relativedelta(
                months=months * (done + 1)
            )

    @api.depends(
        "direction", "date_referral", "chase_count", "specialist_visit_confirmed", "active"
    )
    def _compute_date_next_chase(self):
        days = self._clinic_chase_days()
        for referral in self:
            pending = (
                referral.direction == "outgoing"
                and referral.active
                and not referral.specialist_visit_confirmed
                and referral.date_referral
                and referral.chase_count < len(days)
            )
            referral.date_next_chase = (
                referral.date_referral + timedelta(days=days[referral.chase_count])
                if pending
                else False
            )

    @api.constrains("provider_id", "patient_id", "lead_id")
    def _check_not_self_referral(self):
        for referral in self:
            if referral.provider_id and referral.provider_id == referral.patient_id:
                raise ValidationError(
                    self.env._("Referral: a patient cannot be their own referrer.")
                )

    @api.constrains("date_referral")
    def _check_date_referral(self):
        today = fields.Date.context_today(self)
        for referral in self:
            if referral.date_referral > today:
                raise ValidationError(
                    self.env._(
                        "Referral %(name)s: the referral date cannot be in the future.",
                        name=referral.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("provider_id"):
                raise ValidationError(
                    self.env._("Referral: choose who referred the patient (the provider).")
                )
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("clinic.referral") or "/"
        referrals = super().create(vals_list)
        referrals._clinic_after_change(new=True)
        return referrals

    def write(self, vals):
        result = super().write(vals)
        if {"status", "date_completed", "provider_id", "date_referral", "direction"} & set(vals):
            self._clinic_after_change()
        return result

    def _clinic_after_change(self, new=False):
        """Flag the referrer in the directory, link the lead, queue letters, rescore."""
        providers = self.filtered(
            lambda r: (
                r.referrer_kind == "provider"
                and r.direction == "incoming"
                and not r.provider_id.clinic_is_referring_provider
            )
        ).provider_id
        if providers:
            # A doctor who refers a patient is in the directory from then on.
            providers.sudo().clinic_is_referring_provider = True
        specialists = self.filtered(
            lambda r: r.direction == "outgoing" and not r.provider_id.clinic_is_specialist
        ).provider_id
        if specialists:
            specialists.sudo().clinic_is_specialist = True
        if new:
            for referral in self.filtered(
                lambda r: (
                    r.direction == "incoming" and r.lead_id and not r.lead_id.clinic_referred_by_id
                )
            ):
                referral.lead_id.with_context(clinic_referral_skip_sync=True).write(
                    {"clinic_referred_by_id": referral.provider_id.id}
                )
        # Past referrals recorded afterwards (install, history) get no letters by themselves.
        if not self.env.context.get("clinic_referral_no_auto_letter"):
            if new:
                self._clinic_queue_thank_you()
            self._clinic_queue_status_letters()
        self.provider_id._clinic_update_referral_scores()

    # ------------------------------------------------------------------
    # Letters
    # ------------------------------------------------------------------

    @api.model
    def _clinic_progress_months(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_referrals.progress_report_months", "6")
        )
        return int(param or 0)

    def _clinic_queue_thank_you(self):
        """The automatic thank-you: scheduled for the referral date plus the delay."""
        params = self.env["ir.config_parameter"].sudo()
        if not params.get_param("crm_referrals.auto_thank_you"):
            return
        delay = int(params.get_param("crm_referrals.thank_you_delay_days", "1") or 0)
        for referral in self.filtered(lambda r: r.direction == "incoming"):
            referral._clinic_queue_letter(
                "thank_you",
                state="scheduled",
                date_due=referral.date_referral + timedelta(days=delay),
            )

    def _clinic_queue_status_letters(self):
        """Prepare (for review and sending) the letter the current status calls for."""
        for referral in self.filtered(
            lambda r: r.direction == "incoming" and r.referrer_kind == "provider"
        ):
            event = STATUS_LETTERS.get(referral.status)
            if event:
                referral._clinic_queue_letter(event)

    def _clinic_queue_letter(self, event, sequence=0, state="draft", date_due=None):
        """Create the letter for this event unless the provider already has it.

        The UNIQUE constraint on provider, referral, event and sequence is the last
        guard; checking first keeps a second call from failing the transaction.
        """
        self.ensure_one()
        Letter = self.env["clinic.referral.letter"].sudo()
        key = [
            ("referral_id", "=", self.id),
            ("provider_id", "=", self.provider_id.id),
            ("event", "=", event),
            ("sequence", "=", sequence),
        ]
        if Letter.with_context(active_test=False).search_count(key, limit=1):
            return Letter.browse()
        return Letter.create(
            {
                "referral_id": self.id,
                "provider_id": self.provider_id.id,
                "event": event,
                "sequence": sequence,
                "state": state,
                "date_due": date_due or fields.Date.context_today(self),
            }
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_mark_completed(self):
        """Treatment is over: completed status (and its letter is prepared)."""
        today = fields.Date.context_today(self)
        for referral in self:
            if referral.status != "started":
                raise ValidationError(
                    self.env._(
                        "Referral %(name)s: only a referral whose treatment has started can be "
                        "completed.",
                        name=referral.name,
                    )
                )
            referral.date_completed = today
        return True

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_referrals.clinic_referral_letter_action"
        )
        action.update(domain=[("referral_id", "=", self.id)], context={})
        return action

    def action_confirm_specialist_visit(self):
        """The specialist saw the patient: stop chasing and close the open chases."""
        today = fields.Date.context_today(self)
        for referral in self:
            referral.write(
                {
                    "specialist_visit_confirmed": True,
                    "date_specialist_visit": referral.date_specialist_visit or today,
                    "is_leaked": False,
                }
            )
        self._clinic_chase_activities().action_feedback(
            feedback=self.env._("The specialist confirmed the visit.")
        )
        for referral in self:
            referral.message_post(
                body=Markup("<p>%s</p>")
                % escape(
                    self.env._(
                        "%(specialist)s confirmed the visit of %(date)s.",
                        specialist=referral.provider_id.name,
                        date=referral.date_specialist_visit,
                    )
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _clinic_referral_source(self, kind):
        """The UTM source of referred leads: "Doctor referral" or "Patient referral"."""
        xmlid = {
            "provider": "crm_referrals.utm_source_doctor_referral",
            "patient": "crm_referrals.utm_source_patient_referral",
        }[kind]
        return self.env.ref(xmlid, raise_if_not_found=False) or self.env["utm.source"]

    @api.model
    def _clinic_setup_referral_sources(self):
        """Reuse the sources named "Doctor referral"/"Patient referral" if they exist.

        utm.source names are unique; a practice may have made these sources already,
        so the module adopts them instead of creating "Doctor referral [2]".
        """
        names = {
            "utm_source_doctor_referral": "Doctor referral",
            "utm_source_patient_referral": "Patient referral",
        }
        IrModelData = self.env["ir.model.data"].sudo()
        for xmlid, name in names.items():
            if self.env.ref(f"crm_referrals.{xmlid}", raise_if_not_found=False):
                continue
            source = self.env["utm.source"].sudo().search([("name", "=", name)], limit=1)
            source = source or self.env["utm.source"].sudo().create({"name": name})
            IrModelData.create(
                {
                    "module": "crm_referrals",
                    "name": xmlid,
                    "model": "utm.source",
                    "res_id": source.id,
                    "noupdate": True,
                }
            )

    @api.model
    def _cron_queue_progress_reports(self, batch_size=200):
        """Prepare the progress reports due (every N months of treatment), restartable."""
        domain = [
            ("status", "=", "started"),
            ("date_next_progress_report", "<=", fields.Date.context_today(self)),
        ]
        while True:
            referrals = self.search(domain, limit=batch_size).try_lock_for_update()
            if not referrals:
                break
            for referral in referrals:
                reports = referral.letter_ids.filtered(lambda x: x.event == "progress_report")
                sequence = max(reports.mapped("sequence"), default=0) + 1
                referral._clinic_queue_letter("progress_report", sequence=sequence)
            referrals.invalidate_recordset(["letter_ids"])
            remaining = self.search_count(domain)
            if not self.env["ir.cron"]._commit_progress(len(referrals), remaining=remaining):
                break

    @api.model
    def _clinic_chase_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_referrals.outgoing_chase_days", DEFAULT_CHASE_DAYS)
        )
        days = sorted({int(d) for d in param.split(",") if d.strip().isdigit()})
        return days or [int(d) for d in DEFAULT_CHASE_DAYS.split(",")]

    def _clinic_chase_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("clinic_is_referral_chase", "=", True),
            ]
        )

    @api.model
    def _cron_chase_outgoing_referrals(self, batch_size=200):
        """Schedule today's chases (restartable: each referral moves to its next date)."""
        today = fields.Date.context_today(self)
        days = self._clinic_chase_days()
        referrals = self.search(
            [("date_next_chase", "<=", today), ("direction", "=", "outgoing")],
            limit=batch_size,
            order="date_next_chase, id",
        )
        for referral in referrals:
            step = referral.chase_count + 1
            last = step >= len(days)
            owner = referral.user_id or referral.lead_id.user_id or self.env.ref("base.user_admin")
            summary = (
                self.env._(
                    "No confirmation from %(specialist)s: call the patient",
                    specialist=referral.provider_id.name,
                )
                if last
                else self.env._(
                    "Ask %(specialist)s whether %(patient)s was seen (chase %(step)s)",
                    specialist=referral.provider_id.name,
                    patient=referral.patient_name or "",
                    step=step,
                )
            )
            referral.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today,
                summary=summary,
                user_id=owner.id,
                clinic_is_referral_chase=True,
            )
            vals = {"chase_count": step}
            if last:
                vals["is_leaked"] = True
            referral.write(vals)
        remaining = self.search_count(
            [("date_next_chase", "<=", today), ("direction", "=", "outgoing")]
        )
        self.env["ir.cron"]._commit_progress(len(referrals), remaining=remaining)
