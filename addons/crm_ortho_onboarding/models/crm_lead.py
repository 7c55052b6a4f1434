# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import UTC, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

from .clinic_tools import (
    CLINIC_STAFF,
    GUARDIAN_RELATIONS,
    LEAD_ASSIGN,
    LEAD_CONVERT,
    normalize_email,
    normalize_phone,
)

ORTHO_CONCERNS = [
    ("crowding", "Crowding"),
    ("spacing", "Spacing / gaps"),
    ("bite", "Bite (over/under/cross bite)"),
    ("second_opinion", "Second opinion"),
    ("invisalign", "Invisalign / clear aligners"),
    ("other", "Other"),
]

APPLICATION_STATUSES = [
    ("new", "New"),
    ("screening", "Screening"),
    ("interview", "Interview scheduled"),
    ("offer", "Offer made"),
    ("hired", "Hired"),
    ("declined", "Declined"),
    ("withdrawn", "Withdrawn"),
]


# Precommit keys: leads whose field changes join a message already posted, and notes
# an action caused (a checklist item ticked...) waiting to join the action's message.
TRACK_INTO_MESSAGE = "crm_ortho_onboarding.track_into_message"
PENDING_NOTES = "crm_ortho_onboarding.pending_notes"


class CrmLead(models.Model):
    """The clinic's lead: a patient (or their parent) or a practitioner applicant.

    Odoo's lead/opportunity ``type`` keeps its meaning (unqualified vs qualified);
    ``clinic_lead_type`` says who the lead is about. Access rights come from
    ir.model.access; what ACLs cannot express — who may hand a lead to someone
    else or convert it — is checked here so that every entry point obeys.
    """

    _name = "crm.lead"
    _inherit = ["crm.lead", "clinic.person.mixin"]

    clinic_lead_type = fields.Selection(
        [("patient", "Patient"), ("practitioner", "Practitioner")],
        string="Lead Type",
        required=True,
        default=lambda self: self._default_clinic_lead_type(),
        index=True,
        tracking=True,
    )
    clinic_lead_stage = fields.Selection(
        [("prospect", "Prospect"), ("application_pending", "Application Pending")],
        string="Lead Stage",
        default="prospect",
        tracking=True,
        help="Where an unqualified lead is: a prospect, or an application sent and pending.",
    )
    clinic_application_sent_date = fields.Date(string="Application Sent", tracking=True)
    # The kind of clinic pipeline the lead is in (empty: not in a clinic pipeline). The
    # views use it to speak the clinic's words and to show only the pipeline's stages.
    clinic_pipeline_type = fields.Selection(related="team_id.clinic_pipeline_type")
    # The person the lead is about: the patient, or the practitioner applicant.
    clinic_first_name = fields.Char(string="First Name", tracking=True)
    clinic_last_name = fields.Char(string="Last Name", tracking=True)
    # clinic_birthdate, clinic_age, clinic_is_minor come from clinic.person.mixin.
    # Patient leads: the primary contact (parent, guardian, or the patient) and the case.
    clinic_contact_first_name = fields.Char(string="Contact First Name", tracking=True)
    clinic_contact_last_name = fields.Char(string="Contact Last Name", tracking=True)
    clinic_contact_relation = fields.Selection(
        GUARDIAN_RELATIONS, string="Relation to Patient", tracking=True
    )
    clinic_has_diagnosis = fields.Boolean(
        string="Has Diagnosis", tracking=True, help="ABA: the child already has a diagnosis."
    )
    clinic_concern = fields.Selection(ORTHO_CONCERNS, string="Chief Concern", tracking=True)
    clinic_insurance_carrier = fields.Char(string="Insurance Carrier", tracking=True)
    clinic_insurance_member_id = fields.Char(string="Insurance Member ID", tracking=True)
    clinic_notes = fields.Text(string="Additional Notes")
    clinic_marketer_id = fields.Many2one(
        "res.users", string="Marketer", domain="[('share', '=', False)]", tracking=True
    )
    clinic_referred_by_id = fields.Many2one(
        "res.partner", string="Referring Person", index="btree_not_null", tracking=True
    )
    clinic_referral_account_id = fields.Many2one(
        "res.partner",
        string="Referral Account",
        tracking=True,
        help="The practice or organisation behind the referral.",
    )
    # Practitioner leads.
    clinic_secondary_email = fields.Char(string="Secondary Email")
    clinic_preferred_contact = fields.Selection(
        [("phone", "Phone call"), ("sms", "Text message"), ("email", "E-mail")],
        string="Preferred Contact Method",
    )
    clinic_practitioner_role_id = fields.Many2one(
        "clinic.practitioner.role", string="Primary Role", tracking=True
    )
    # clinic_npi comes from clinic.person.mixin.
    clinic_application_status = fields.Selection(
        APPLICATION_STATUSES, string="Application Status", tracking=True
    )
    clinic_interview_date = fields.Datetime(string="Interview", tracking=True)
    clinic_preferred_team_ids = fields.Many2many(
        "crm.team", string="Preferred Locations", relation="crm_lead_clinic_preferred_team_rel"
    )
    clinic_preferred_hours = fields.Char(string="Preferred Hours")
    clinic_available_date = fields.Date(string="Available From")
    clinic_urgency = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("high", "High")],
        string="Urgency",
        compute="_compute_clinic_urgency",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="High when the message mentions pain, a broken bracket, an emergency… (words set "
        "in Settings) or the source is marked urgent; staff can change it by hand.",
    )
    # Speed to lead: web and API leads must be called within the SLA (opening hours).
    clinic_received_date = fields.Datetime(
        string="Received", copy=False, index=True, help="When the inquiry reached the clinic."
    )
    clinic_first_contact_due = fields.Datetime(
        string="First Contact Due", copy=False, index="btree_not_null"
    )
    clinic_first_contact_date = fields.Datetime(string="First Contacted", copy=False, tracking=True)
    clinic_last_contact_date = fields.Datetime(
        string="Last Contacted",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the clinic last spoke with or wrote to the family: a call or meeting "
        "marked done, a text message or an e-mail.",
    )
    clinic_hours_to_first_contact = fields.Float(
        string="Hours to First Contact",
        compute="_compute_clinic_hours_to_first_contact",
        store=True,
        aggregator="avg",
    )
    clinic_work_hours_to_first_contact = fields.Float(
        string="Working Hours to First Contact",
        compute="_compute_clinic_work_hours_to_first_contact",
        store=True,
        aggregator="avg",
        help="Hours from the inquiry to the first contact counted in the company's working "
        "hours (nights, weekends and holidays left out): the speed-to-lead of the dashboard.",
    )
    clinic_first_contact_overdue = fields.Boolean(
        string="First Contact Overdue",
        compute="_compute_clinic_first_contact_overdue",
        search="_search_clinic_first_contact_overdue",
    )
    # Follow-up (separate from the pipeline stage).
    clinic_followup_status_id = fields.Many2one(
        "clinic.followup.status",
        string="Follow-up Status",
        tracking=True,
        index=True,
        copy=False,
    )
    clinic_followup_date = fields.Datetime(
        string="Follow up on", tracking=True, copy=False, index="btree_not_null"
    )
    clinic_followup_streak = fields.Integer(
        string="Times in a Row",
        copy=False,
        help="How many times in a row the lead entered its current status (e.g. no response).",
    )
    clinic_activity_deadline = fields.Date(
        string="Next Activity Due",
        compute="_compute_clinic_activity_deadline",
        store=True,
        index=True,
        help="Earliest deadline of the lead's open activities, whoever they are for (stored, "
        "so that Today and the dashboard stay fast on large databases).",
    )
    clinic_followup_overdue = fields.Boolean(
        string="Follow-up Overdue",
        compute="_compute_clinic_followup_overdue",
        search="_search_clinic_followup_overdue",
        help="The planned follow-up (or first contact) is past and not done.",
    )
    clinic_today_reason = fields.Char(
        string="Why Today",
        compute="_compute_clinic_today_reason",
        help="Why this lead is on today's list: overdue, due today, or a new lead not yet called.",
    )
    clinic_on_today = fields.Boolean(
        string="On Today's List",
        compute="_compute_clinic_today_reason",
        search="_search_clinic_on_today",
    )
    # Families who do not want to be contacted: off the call list, their calls canceled.
    clinic_do_not_contact = fields.Boolean(
        string="Asked Not to Be Contacted",
        tracking=True,
        copy=False,
        help="The family asked the clinic not to contact them: the lead leaves Today's "
        "call list and its open calls are canceled.",
    )
    clinic_opted_out = fields.Boolean(
        string="Opted Out",
        compute="_compute_clinic_opted_out",
        search="_search_clinic_opted_out",
        help="Asked not to be contacted, or texted STOP (the number is blocked for texts).",
    )
    clinic_opt_out_label = fields.Char(
        string="Opt-out", compute="_compute_clinic_opted_out", help="Why the family is not called."
    )
    # Consultations (calendar.event with clinic_is_consult).
    clinic_consult_date = fields.Datetime(
        string="Consultation",
        compute="_compute_clinic_consult",
        store=True,
        help="The next consultation booked, else the last one.",
    )
    clinic_consult_attended = fields.Boolean(
        string="Consult Attended", compute="_compute_clinic_consult", store=True
    )
    clinic_no_show_count = fields.Integer(
        string="No-shows", compute="_compute_clinic_consult", store=True, aggregator="sum"
    )
    clinic_consult_booked = fields.Boolean(
        string="Consult Booked",
        compute="_compute_clinic_consult",
        store=True,
        help="A consultation was booked for this lead at some point.",
    )
    clinic_funnel_step = fields.Selection(
        [("lead", "Lead only"), ("consult", "Consult booked"), ("start", "Treatment started")],
        string="Furthest Step",
        compute="_compute_clinic_funnel_step",
        store=True,
        index=True,
        help="How far the lead got: for conversion rates lead → consult → start.",
    )
    clinic_out_of_area = fields.Boolean(
        string="Out of Area",
        compute="_compute_clinic_out_of_area",
        store=True,
        help="The lead's ZIP code is outside the service area of its location.",
    )
    # Rule-based score, beside Odoo's predictive probability.
    clinic_score = fields.Integer(
        string="Score",
        copy=False,
        readonly=True,
        aggregator="avg",
        help="0–100 from the clinic's scoring rules; see Why This Score.",
    )
    clinic_score_reasons = fields.Text(string="Why This Score", copy=False, readonly=True)
    clinic_score_top = fields.Char(
        string="Top Reasons",
        copy=False,
        readonly=True,
        help="The rules that weigh most in the score, shown on kanban cards.",
    )
    clinic_best_contact_time = fields.Char(
        string="Best Time to Call",
        compute="_compute_clinic_best_contact_time",
        help="The hour at which this family answered before (or, lacking data, families from "
        "the same source).",
    )
    # Conversion and matching.
    clinic_patient_id = fields.Many2one(
        "res.partner", string="Patient", index="btree_not_null", tracking=True, copy=False
    )
    clinic_is_existing_patient = fields.Boolean(
        string="Existing Patient",
        tracking=True,
        copy=False,
        help="This inquiry is about someone who is already a patient of the clinic.",
    )
    clinic_match_partner_ids = fields.Many2many(
        "res.partner",
        string="Possible Matches",
        compute="_compute_clinic_match_partner_ids",
        help="Patients and guardians with this lead's e-mail, phone, or name and birthdate.",
    )
    clinic_match_count = fields.Integer(compute="_compute_clinic_match_partner_ids")
    clinic_contact_warning = fields.Boolean(compute="_compute_clinic_contact_warning")

    @api.model
    def _clinic_disable_lead_enrichment(self):
        """Keep new leads' e-mails away from Odoo's IAP enrichment unless an admin opts in."""
        self.env["ir.config_parameter"].sudo().set_param("crm.iap.lead.enrich.setting", "manual")
        cron = self.env.ref("crm_iap_enrich.ir_cron_lead_enrichment", raise_if_not_found=False)
        if cron:
            cron.sudo().active = False

    def iap_enrich(self, *, batch_size=50):
        """Enrichment sends the lead's e-mail to Odoo's servers: only once an admin opted in."""
        setting = self.env["ir.config_parameter"].sudo().get_param("crm.iap.lead.enrich.setting")
        if setting != "auto":
            raise UserError(
                self.env._(
                    "Lead enrichment would send this lead's e-mail address to Odoo's servers. "
                    "It is off to protect patients' data; an administrator can turn on "
                    "automatic enrichment in CRM settings."
                )
            )
        return super().iap_enrich(batch_size=batch_size)

    @api.model
    def _default_clinic_lead_type(self):
        team_id = self.env.context.get("default_team_id")
        if team_id:
            team = self.env["crm.team"].browse(team_id)
            if team.exists() and team.clinic_pipeline_type == "practitioner":
                return "practitioner"
        return "patient"

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("description", "clinic_notes", "source_id.clinic_is_urgent")
    def _compute_clinic_urgency(self):
        keywords = self._clinic_urgent_keywords()
        for lead in self:
            text = " ".join(
                filter(None, [html2plaintext(lead.description or ""), lead.clinic_notes or ""])
            ).lower()
            if lead.source_id.clinic_is_urgent or any(word in text for word in keywords):
                lead.clinic_urgency = "high"
            elif not lead.clinic_urgency:
                lead.clinic_urgency = "normal"

    @api.depends("clinic_first_contact_date", "clinic_received_date", "company_id")
    def _compute_clinic_work_hours_to_first_contact(self):
        for lead in self:
            start, end = lead.clinic_received_date, lead.clinic_first_contact_date
            calendar = (lead.company_id or self.env.company).resource_calendar_id
            if not (start and end) or end <= start:
                lead.clinic_work_hours_to_first_contact = 0.0
            elif calendar:
                lead.clinic_work_hours_to_first_contact = calendar.get_work_hours_count(
                    start, end, compute_leaves=True
                )
            else:
                lead.clinic_work_hours_to_first_contact = (end - start).total_seconds() / 3600

    @api.depends("clinic_first_contact_date", "clinic_received_date")
    def _compute_clinic_hours_to_first_contact(self):
        for lead in self:
            if lead.clinic_first_contact_date and lead.clinic_received_date:
                delta = lead.clinic_first_contact_date - lead.clinic_received_date
                lead.clinic_hours_to_first_contact = max(delta.total_seconds(), 0) / 3600
            else:
                lead.clinic_hours_to_first_contact = 0.0

    @api.depends("activity_ids.date_deadline", "activity_ids.active")
    def _compute_clinic_activity_deadline(self):
        for lead in self:
            deadlines = lead.sudo().activity_ids.mapped("date_deadline")
            lead.clinic_activity_deadline = min(deadlines) if deadlines else False

    def _clinic_followup_overdue_domain(self):
        now = fields.Datetime.now()
        return (
            Domain("clinic_followup_date", "<", now)
            | Domain("clinic_activity_deadline", "<", fields.Date.context_today(self))
            | (
                Domain("clinic_first_contact_date", "=", False)
                & Domain("clinic_first_contact_due", "<", now)
            )
        ) & Domain("active", "=", True)

    @api.depends("clinic_followup_date", "clinic_activity_deadline", "clinic_first_contact_overdue")
    def _compute_clinic_followup_overdue(self):
        now = fields.Datetime.now()
        for lead in self:
            lead.clinic_followup_overdue = bool(
                (lead.clinic_followup_date and lead.clinic_followup_date < now)
                or (
                    lead.clinic_activity_deadline
                    and lead.clinic_activity_deadline < fields.Date.context_today(lead)
                )
                or lead.clinic_first_contact_overdue
            )

    def _search_clinic_followup_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        overdue = self._clinic_followup_overdue_domain()
        return overdue if (operator == "=") == value else ~overdue

    @api.depends("clinic_do_not_contact", "phone_sanitized")
    def _compute_clinic_opted_out(self):
        for lead in self:
            lead.clinic_opted_out = lead.clinic_do_not_contact or lead.phone_blacklisted
            if lead.clinic_do_not_contact:
                lead.clinic_opt_out_label = self.env._("Do not contact")
            elif lead.phone_blacklisted:
                lead.clinic_opt_out_label = self.env._("Opted out (STOP)")
            else:
                lead.clinic_opt_out_label = False

    def _search_clinic_opted_out(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        if (operator == "=") == value:
            return Domain("clinic_do_not_contact", "=", True) | self._clinic_phone_blocked_domain()
        return self._clinic_may_contact_domain()

    @api.model
    def _clinic_phone_blocked_domain(self):
        """Leads whose number is blocked (the family texted STOP)."""
        # phone_blacklisted has no search, and the search of phone_sanitized_blacklisted
        # lists every lead: a subquery on the (small) blocked numbers instead.
        return Domain(
            "phone_sanitized", "any!", SQL("SELECT number FROM phone_blacklist WHERE active")
        )

    @api.model
    def _clinic_may_contact_domain(self):
        """Leads whose family did not opt out (no "do not contact", no STOP)."""
        return Domain("clinic_do_not_contact", "=", False) & (
            Domain("phone_sanitized", "=", False)
            | Domain(
                "phone_sanitized",
                "not any!",
                SQL("SELECT number FROM phone_blacklist WHERE active"),
            )
        )

    @api.depends_context("uid")
    def _compute_clinic_today_reason(self):
        today = fields.Date.context_today(self)
        for lead in self:
            if lead.clinic_opted_out:
                lead.clinic_today_reason = False
                lead.clinic_on_today = False
                continue
            followup_day = (
                fields.Date.context_today(lead, lead.clinic_followup_date)
                if lead.clinic_followup_date
                else None
            )
            if lead.clinic_followup_overdue:
                lead.clinic_today_reason = self.env._("Overdue")
            elif lead.clinic_first_contact_due and not lead.clinic_first_contact_date:
                lead.clinic_today_reason = self.env._("New – not contacted")
            elif followup_day == today or lead.clinic_activity_deadline == today:
                lead.clinic_today_reason = self.env._("Due today")
            else:
                lead.clinic_today_reason = False
            lead.clinic_on_today = bool(lead.clinic_today_reason)

    def _search_clinic_on_today(self, operator, value):
        """Overdue, due today (clinic's day), or new and not yet contacted."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        tz_start = fields.Datetime.context_timestamp(self, fields.Datetime.now()).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        day_end = (tz_start + timedelta(days=1)).astimezone(UTC).replace(tzinfo=None)
        # Overdue ⊂ "before tonight": one condition per source of work, so PostgreSQL
        # can use an index for each branch of the OR.
        on_today = (
            Domain("clinic_followup_date", "<", day_end)
            | Domain("clinic_activity_deadline", "<=", today)
            | (
                Domain("clinic_first_contact_due", "!=", False)
                & Domain("clinic_first_contact_date", "=", False)
            )
        ) & Domain("active", "=", True)
        # Families who opted out are not called.
        on_today &= self._clinic_may_contact_domain()
        return on_today if (operator == "=") == value else ~on_today

    @api.depends(
        "calendar_event_ids.start",
        "calendar_event_ids.clinic_is_consult",
        "calendar_event_ids.clinic_outcome",
    )
    def _compute_clinic_consult(self):
        now = fields.Datetime.now()
        for lead in self:
            consults = lead.calendar_event_ids.filtered("clinic_is_consult").sorted("start")
            booked = consults.filtered(lambda e: e.clinic_outcome != "canceled")
            upcoming = booked.filtered(lambda e: e.start >= now and not e.clinic_outcome)
            lead.clinic_consult_date = (upcoming[:1] or booked[-1:]).start or False
            lead.clinic_consult_booked = bool(consults)
            lead.clinic_consult_attended = any(e.clinic_outcome == "attended" for e in consults)
            lead.clinic_no_show_count = len(
                consults.filtered(lambda e: e.clinic_outcome == "no_show")
            )

    @api.depends("clinic_consult_booked", "won_status")
    def _compute_clinic_funnel_step(self):
        for lead in self:
            if lead.won_status == "won":
                lead.clinic_funnel_step = "start"
            elif lead.clinic_consult_booked:
                lead.clinic_funnel_step = "consult"
            else:
                lead.clinic_funnel_step = "lead"

    @api.depends("zip", "team_id.clinic_service_zip_prefixes")
    def _compute_clinic_out_of_area(self):
        for lead in self:
            lead.clinic_out_of_area = bool(
                lead.team_id and not lead.team_id._clinic_zip_in_area(lead.zip)
            )

    @api.depends("source_id")
    def _compute_clinic_best_contact_time(self):
        """Most frequent local hour at which the family was reached (tracked status changes);
        lacking any, the same for families of the same source. A few queries per batch."""
        hours = self._clinic_reached_hours()
        missing = self.filtered(lambda lead: not hours.get(lead.id) and lead.source_id)
        by_source = {}
        if missing:
            peers = self.search(
                [("source_id", "in", missing.source_id.ids)], limit=2000, order="id desc"
            )
            peer_hours = peers._clinic_reached_hours()
            for peer in peers:
                by_source.setdefault(peer.source_id.id, []).extend(peer_hours.get(peer.id, []))
        for lead in self:
            own = hours.get(lead.id)
            found = own or by_source.get(lead.source_id.id)
            if not found:
                lead.clinic_best_contact_time = False
                continue
            best = max(sorted(set(found)), key=found.count)
            prefix = "" if own else self.env._("Source: ")
            lead.clinic_best_contact_time = f"{prefix}{best:02d}:00–{best + 1:02d}:00"

    def _clinic_reached_hours(self):
        """{lead id: local hours of its tracked changes into a 'family reached' status}."""
        lead_ids = [lead_id for lead_id in self.ids if lead_id]
        if not lead_ids:
            return {}
        field = self.env["ir.model.fields"]._get("crm.lead", "clinic_followup_status_id")
        reached = self.env["clinic.followup.status"].search([("reached", "=", True)])
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search_fetch(
                [
                    ("field_id", "=", field.id),
                    ("mail_message_id.model", "=", "crm.lead"),
                    ("mail_message_id.res_id", "in", lead_ids),
                    ("new_value_integer", "in", reached.ids),
                ],
                ["create_date", "mail_message_id"],
                limit=5000,
            )
        )
        values.mail_message_id.fetch(["res_id"])
        result = {}
        for value in values:
            local = fields.Datetime.context_timestamp(self, value.create_date)
            result.setdefault(value.mail_message_id.res_id, []).append(local.hour)
        return result

    @api.depends("clinic_first_contact_due", "clinic_first_contact_date")
    def _compute_clinic_first_contact_overdue(self):
        now = fields.Datetime.now()
        for lead in self:
            lead.clinic_first_contact_overdue = bool(
                lead.clinic_first_contact_due
                and not lead.clinic_first_contact_date
                and lead.clinic_first_contact_due < now
            )

    def _search_clinic_first_contact_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        overdue = Domain("clinic_first_contact_date", "=", False) & Domain(
            "clinic_first_contact_due", "<", fields.Datetime.now()
        )
        return overdue if (operator == "=") == value else ~overdue

    @api.model
    def _clinic_first_contact_sla_minutes(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_ortho_onboarding.first_contact_sla_minutes", "15")
        )

    @api.model
    def _clinic_first_contact_due(self, start, company, minutes):
        """Due time of the first call: the SLA counted in the clinic's opening hours."""
        calendar = company.resource_calendar_id
        due = calendar.plan_hours(minutes / 60, start, compute_leaves=True) if calendar else None
        return due or start + timedelta(minutes=minutes)

    def _clinic_plan_first_contact(self):
        """The owner's first-contact call, due on the day of the first-contact deadline
        (one activity_schedule per owner and day: Odoo creates them in one batch)."""
        minutes = self._clinic_first_contact_sla_minutes()
        admin = self.env.ref("base.user_admin")
        for lead in self.filtered(lambda lead: not lead.clinic_first_contact_due):
            lead.clinic_first_contact_due = self._clinic_first_contact_due(
                lead.clinic_received_date or fields.Datetime.now(),
                lead.company_id or self.env.company,
                minutes,
            )
        groups = self.grouped(
            lambda lead: (
                lead.user_id or lead.team_id.user_id or admin,
                fields.Date.context_today(lead, lead.clinic_first_contact_due),
            )
        )
        for (owner, day), leads in groups.items():
            leads.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=day,
                summary=self.env._("First contact"),
                user_id=owner.id,
            )

    @api.model
    def _clinic_urgent_keywords(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_ortho_onboarding.urgent_keywords", "")
        )
        return [word.strip().lower() for word in param.split(",") if word.strip()]

    @api.depends("phone", "email_from")
    def _compute_clinic_contact_warning(self):
        for lead in self:
            lead.clinic_contact_warning = not (lead.phone or lead.email_from)

    @api.depends(
        "email_normalized",
        "phone_sanitized",
        "clinic_first_name",
        "clinic_last_name",
        "clinic_birthdate",
    )
    def _compute_clinic_match_partner_ids(self):
        for lead in self:
            matches = lead._clinic_find_partner_matches() if lead.id else False
            lead.clinic_match_partner_ids = matches
            lead.clinic_match_count = len(matches) if matches else 0

    def _clinic_find_partner_matches(self):
        """Patients and guardians that may be this lead's person or family.

        E-mail and phone compare normalised values; a name only counts together
        with the same birthdate, so two different children called "Mia Lopez"
        do not match.
        """
        self.ensure_one()
        domains = []
        if self.email_normalized:
            domains.append(Domain("email_normalized", "=", self.email_normalized))
        if self.phone_sanitized:
            domains.append(Domain("phone_sanitized", "=", self.phone_sanitized))
        full_name = self._clinic_person_name()
        if full_name and self.clinic_birthdate:
            domains.append(
                Domain("clinic_birthdate", "=", self.clinic_birthdate)
                & Domain("name", "=ilike", full_name)
            )
        if not domains:
            return self.env["res.partner"]
        family = Domain("clinic_is_patient", "=", True) | Domain("clinic_is_guardian", "=", True)
        # Another clinic's (company's) patients are not this lead's family, even when the
        # caller may read them (capture runs as superuser): no flag or note tells one
        # clinic who is a patient of another.
        company = self.company_id or self.env.company
        same_clinic = Domain("company_id", "in", [False, company.id])
        return self.env["res.partner"].search(Domain.OR(domains) & family & same_clinic, limit=20)

    def _clinic_patient_matches(self):
        """Matches that are this lead's patient (not just a relative)."""
        self.ensure_one()
        return self.clinic_match_partner_ids.filtered(
            lambda p: (
                p.clinic_is_patient
                and (self._clinic_is_person(p) or self.clinic_contact_relation == "self")
            )
        )

    @api.model
    def _clinic_leads_matching_partner(self, partner):
        """Open leads whose contact or person matches ``partner``."""
        domains = []
        if partner.email_normalized:
            domains.append(Domain("email_normalized", "=", partner.email_normalized))
        if partner.phone_sanitized:
            domains.append(Domain("phone_sanitized", "=", partner.phone_sanitized))
        if partner.clinic_birthdate and partner.name:
            domains.append(Domain("clinic_birthdate", "=", partner.clinic_birthdate))
        if not domains:
            return self.browse()
        open_leads = Domain("clinic_patient_id", "=", False)
        if partner.company_id:
            open_leads &= Domain("company_id", "in", [False, partner.company_id.id])
        leads = self.search(Domain.OR(domains) & open_leads, limit=50)
        # Same birthdate but another name is another child, not this patient.
        return leads.filtered(
            lambda lead: (
                not lead.clinic_birthdate
                or lead.clinic_birthdate != partner.clinic_birthdate
                or lead._clinic_is_person(partner)
            )
        )

    def _clinic_person_name(self):
        self.ensure_one()
        return " ".join(p for p in (self.clinic_first_name, self.clinic_last_name) if p)

    def _clinic_is_person(self, partner):
        """Whether this lead is about ``partner``: same birthdate and same name (any case)."""
        self.ensure_one()
        return (
            self.clinic_birthdate == partner.clinic_birthdate
            and self._clinic_person_name().lower() == (partner.name or "").lower()
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("clinic_lead_type", "clinic_first_name", "clinic_last_name", "team_id")
    def _check_clinic_person_name(self):
        # Only clinic pipelines: a lead of another sales team (a supplier, a company
        # inquiry by e-mail) keeps Odoo's own rules, and Odoo's CRM tests keep passing.
        for lead in self.filtered("team_id.clinic_pipeline_type"):
            if not (lead.clinic_first_name or lead.clinic_last_name):
                label = (
                    self.env._("Patient name")
                    if lead.clinic_lead_type == "patient"
                    else self.env._("Name")
                )
                raise ValidationError(
                    self.env._(
                        "%(field)s: enter a first or last name for “%(lead)s”.",
                        field=label,
                        lead=lead.name,
                    )
                )

    # ------------------------------------------------------------------
    # Indexes for the duplicate lookup
    # ------------------------------------------------------------------

    # Leads of a patient are found by birthdate too (_clinic_leads_matching_partner),
    # in an OR with the indexed e-mail and phone: one unindexed branch makes
    # PostgreSQL scan the whole table.
    clinic_birthdate = fields.Date(index="btree_not_null")
    # Odoo indexes email_normalized with trigrams (for "contains" searches); an
    # equality lookup through trigrams rechecks every address sharing the common
    # ones ("gmail.com"). A plain btree answers the duplicate lookup's exact match
    # with one probe (docs/PERFORMANCE.md: the lookup at 1M leads).
    _clinic_email_normalized_eq_idx = models.Index(
        "(email_normalized) WHERE email_normalized IS NOT NULL"
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _clinic_normalize_vals(self, vals):
        """Normalise phone numbers to E.164 and e-mails; refuse invalid ones by name."""
        for fname in ("clinic_first_name", "clinic_last_name"):
            if isinstance(vals.get(fname), str):
                vals[fname] = vals[fname].strip()
        if not any(vals.get(f) for f in ("phone", "email_from", "clinic_secondary_email")):
            # Most writes (assignment, stage, status) touch no contact field: no lookup.
            return vals
        country = self.env.company.country_id.code or "US"
        phone_error = self.env._("%(field)s: “%(value)s” is not a valid phone number.")
        email_error = self.env._("%(field)s: “%(value)s” is not a valid e-mail address.")
        checks = (
            ("phone", self.env._("Phone"), lambda v: normalize_phone(v, country), phone_error),
            ("email_from", self.env._("Email"), normalize_email, email_error),
            ("clinic_secondary_email", self.env._("Secondary Email"), normalize_email, email_error),
        )
        for fname, label, normalize, error in checks:
            if vals.get(fname):
                normalized = normalize(vals[fname])
                if not normalized:
                    raise ValidationError(error % {"field": label, "value": vals[fname]})
                vals[fname] = normalized
        return vals

    @api.depends(
        "clinic_first_name",
        "clinic_last_name",
        "clinic_concern",
        "clinic_practitioner_role_id",
        "clinic_lead_type",
    )
    def _compute_name(self):
        """A clinic lead's title is derived from the person and what they ask for
        ("Emma Smith – Crowding", "Nina Patel – BCBA"): staff never type it, and it
        follows the person's name when corrected. Leads of Odoo's sales teams keep
        Odoo's title."""
        result = super()._compute_name()
        for lead in self:
            if lead.team_id and not lead.team_id.clinic_pipeline_type:
                continue
            title = lead._clinic_title(
                lead._clinic_person_name(),
                lead.clinic_lead_type,
                lead.clinic_concern,
                lead.clinic_practitioner_role_id,
            )
            if title:
                lead.name = title
        return result

    @api.model
    def _clinic_title(self, person, lead_type, concern, role):
        """The title of a clinic lead about ``person`` (empty without a person)."""
        if not person:
            return False
        detail = role.name if lead_type == "practitioner" else dict(ORTHO_CONCERNS).get(concern)
        return f"{person} – {detail}" if detail else person

    def _clinic_default_names(self, vals):
        """Fill the lead title and contact name from the person when staff left them empty.

        A lead that names only its contact (Odoo's own website form, e-mail alias,
        import) is taken to be about that person, so it is not refused for lack of
        a patient name.
        """
        first, last = vals.get("clinic_first_name"), vals.get("clinic_last_name")
        contact_name = (vals.get("contact_name") or "").strip()
        if not (first or last) and contact_name:
            first, _space, last = contact_name.partition(" ")
            vals["clinic_first_name"], vals["clinic_last_name"] = first, last.strip()
        person = " ".join(p for p in (first, last) if p)
        contact = " ".join(
            p
            for p in (vals.get("clinic_contact_first_name"), vals.get("clinic_contact_last_name"))
            if p
        )
        if contact and not vals.get("contact_name"):
            vals["contact_name"] = contact
        lead_type = vals.get("clinic_lead_type") or self._default_clinic_lead_type()
        if not vals.get("name") and person:
            role = self.env["clinic.practitioner.role"].browse(
                vals.get("clinic_practitioner_role_id") or []
            )
            vals["name"] = self._clinic_title(person, lead_type, vals.get("clinic_concern"), role)
        if (
            not vals.get("contact_name")
            and person
            and vals.get("clinic_contact_relation")
            in (
                None,
                False,
                "self",
            )
        ):
            vals["contact_name"] = person
        if not vals.get("name") and not vals.get("partner_id"):
            # The title is derived, never asked: without a person yet, whoever wrote in.
            vals["name"] = (
                vals.get("contact_name")
                or vals.get("email_from")
                or vals.get("phone")
                or self.env._("New inquiry")
            )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        capture = self.env.context.get("clinic_capture_channel")
        for vals in vals_list:
            user_id = vals.get("user_id")
            if user_id and user_id != self.env.uid:
                self._clinic_check_permission(
                    LEAD_ASSIGN,
                    self.env._("assign a lead to someone else"),
                    team_id=vals.get("team_id") or self.env.context.get("default_team_id"),
                )
            self._clinic_normalize_vals(vals)
            self._clinic_default_names(vals)
            vals.setdefault("clinic_received_date", fields.Datetime.now())
            if capture:
                # Not Odoo's default (whoever runs the request): round robin decides below.
                vals.setdefault("user_id", False)
            # An opportunity is a qualified lead: creating one directly is qualifying.
            lead_type = vals.get("type") or self.env.context.get("default_type")
            if lead_type == "opportunity":
                self._clinic_check_permission(
                    LEAD_CONVERT,
                    self.env._("create qualified opportunities (create a lead instead)"),
                    team_id=vals.get("team_id") or self.env.context.get("default_team_id"),
                )
            # Staff may save a lead without phone or e-mail (the form warns them);
            # public forms and the API must give the clinic a way to answer.
            if (capture or self.env.context.get("clinic_require_contact")) and not (
                vals.get("phone") or vals.get("email_from")
            ):
                raise ValidationError(
                    self.env._("Phone or Email: give at least one way to contact you.")
                )
        creator = self
        if capture:
            # Owner, first-contact due and the starting status go in the INSERT itself:
            # one row write and one audit row per lead instead of three.
            self._clinic_capture_prepare_vals(vals_list)
            # The creation message (and the notifications to the team's followers it
            # sends) is posted by the after-capture job: no mail or bus work, and no
            # second database connection, in the request that answers the sender.
            creator = self.with_context(mail_create_nolog=True)
        leads = super(CrmLead, creator).create(vals_list).with_env(self.env)
        clinic_leads = leads._clinic_scope()
        clinic_leads._clinic_flag_existing_patients()
        # A web/API lead's starting status was in its INSERT and its day-0 call is the
        # after-capture job's first-contact call: nothing more in the request.
        entered = leads.filtered(
            lambda lead: lead.clinic_followup_status_id and not lead.clinic_after_capture_pending
        )
        if entered:
            entered._clinic_on_status_entered({})
        # Staff, referral and imported leads start at Pending contact too (web/API ones got
        # it in their INSERT). Team-less leads made by the system itself (superuser, not
        # a person of the clinic) are left to the next-step sweep, as Odoo's own flows
        # expect.
        starting = clinic_leads.filtered(
            lambda lead: not lead.clinic_followup_status_id and (lead.team_id or not self.env.su)
        )
        if starting:
            starting._clinic_enter_starting_status()
        # A web/API lead is scored once, by the after-capture job, once the writes of the
        # request (its message read by the assistant, for one) are all in.
        clinic_leads.filtered(
            lambda lead: not lead.clinic_after_capture_pending
        )._clinic_compute_score()
        return leads

    def write(self, vals):
        if "user_id" in vals and any(lead.user_id.id != vals["user_id"] for lead in self):
            self._clinic_check_permission(
                LEAD_ASSIGN, self.env._("assign leads"), team_id=vals.get("team_id")
            )
        self._clinic_normalize_vals(vals)
        status_change = "clinic_followup_status_id" in vals and not self.env.context.get(
            "clinic_status_rule_running"
        )
        previous = (
            {lead.id: lead.clinic_followup_status_id for lead in self} if status_change else {}
        )
        if status_change and "clinic_followup_date" not in vals:
            vals = dict(vals, clinic_followup_date=False)  # a new status starts without a date
        res = super().write(vals)
        if status_change and vals["clinic_followup_status_id"]:
            self._clinic_on_status_entered(previous)
        if vals.get("clinic_do_not_contact"):
            self._clinic_cancel_calls(self.env._("the family asked not to be contacted."))
        # The cached field set first: most writes touch no scored field.
        if not self.env.context.get("clinic_scoring") and set(vals) & self._clinic_score_fields():
            # Leads whose after-capture job is pending are scored by the job: once.
            self._clinic_scope().filtered(
                lambda lead: not lead.clinic_after_capture_pending
            )._clinic_compute_score()
        return res

    # ------------------------------------------------------------------
    # Stages: a clinic pipeline shows and uses its own stages only
    # ------------------------------------------------------------------

    @api.model
    def _clinic_all_pipelines(self, teams):
        """Whether ``teams`` are some teams, all of them clinic pipelines."""
        return bool(teams) and all(teams.mapped("clinic_pipeline_type"))

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """Leads of clinic pipelines go to their pipeline's stages, never to Odoo's shared
        ones (New, Qualified…), which stay for the sales teams as Odoo ships them."""
        teams = self.team_id | self.env["crm.team"].browse(team_id or [])
        if not self._clinic_all_pipelines(teams):
            return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)
        search_domain = [("team_ids", "in", teams.ids), *(domain or [])]
        return self.env["crm.stage"].search(search_domain, order=order, limit=limit)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """A clinic pipeline's kanban shows its own columns, not Odoo's shared stages."""
        found = super()._read_group_stage_ids(stages, domain)
        team_id = self.env.context.get("default_team_id")
        # From the context (a URL, a saved filter): the team may be gone.
        if team_id and self._clinic_all_pipelines(self.env["crm.team"].browse(team_id).exists()):
            found = found.filtered(lambda stage: stage in stages or stage.team_ids)
        return found

    def _clinic_scope(self):
        """The clinic's leads: those of a clinic pipeline, or of no team yet when a
        clinic user (or the system, for the public forms and crons) handles them.

        Leads of Odoo's other sales teams run none of the clinic's per-lead work
        (matching, scoring): a database that also sells keeps Odoo's own cost on them.
        """
        with_team = self.filtered("team_id")
        scope = with_team.filtered(lambda lead: lead.team_id.clinic_pipeline_type)
        if with_team != self and (self.env.su or self.env.user.has_group(CLINIC_STAFF)):
            scope |= self - with_team
        return scope

    # ------------------------------------------------------------------
    # Follow-up status rules
    # ------------------------------------------------------------------

    @api.constrains("clinic_followup_status_id", "clinic_followup_date")
    def _check_clinic_followup_date(self):
        for lead in self:
            status = lead.clinic_followup_status_id
            if status.requires_date and not lead.clinic_followup_date:
                raise ValidationError(
                    self.env._(
                        "Follow up on: “%(status)s” needs the date and time to follow up "
                        "(lead “%(lead)s”).",
                        status=status.name,
                        lead=lead.name,
                    )
                )

    def _clinic_on_status_entered(self, previous):
        """What entering a follow-up status does, whoever set it (wizard, kanban, rule).

        ``previous`` maps lead ids to their status before the change. The context key
        ``clinic_status_rule_running`` keeps a rule that sets a status from
        re-triggering itself: a status set while handling one does not cascade.
        """
        leads = self.with_context(clinic_status_rule_running=True)
        now = fields.Datetime.now()
        note = self.env.context.get("clinic_status_note") or ""
        for lead in leads:
            status = lead.clinic_followup_status_id
            before = previous.get(lead.id)
            values = {
                "clinic_followup_streak": lead.clinic_followup_streak + 1 if before == status else 1
            }
            if (
                not lead.clinic_first_contact_date
                and status.code != "pending_contact"
                and lead.clinic_received_date
            ):
                # Any outcome of a contact attempt ends the speed-to-lead clock.
                values["clinic_first_contact_date"] = now
            stage = lead._clinic_stage_for_status(status)
            if stage:
                values["stage_id"] = stage.id
            lead.write(values)
            if note:
                lead._clinic_log_status_note(status, before, note)
            lead._clinic_schedule_status_activity(status, note)

    def _clinic_log_status_note(self, status, before, note):
        """One chatter message for a status change: what happened, and what changed.

        The follow-ups due by now are done (someone recorded what happened): their
        "done" message carries the note, and the field changes are added to it
        instead of coming as a message of their own (see ``_message_track``).
        Without a follow-up due, the field changes carry the note.
        """
        self.ensure_one()
        due = self.activity_ids.filtered_domain(
            [("date_deadline", "<=", fields.Date.context_today(self))]
        )
        if due:
            message_id = due.action_feedback(feedback=note)
            if message_id:
                into = self.env.cr.precommit.data.setdefault(TRACK_INTO_MESSAGE, {})
                into[self.id] = message_id
            return
        body = Markup("<b>%s</b><br/>%s") % (status.name, note)
        if before != status and self._clinic_tracking_active():
            self._track_set_log_message(body)
        else:
            self._message_log(body=body)

    def _clinic_tracking_active(self):
        """Whether field changes will be logged (imports and some jobs turn it off):
        a note joins them only then, so that it is never lost."""
        context = self.env.context
        return not (context.get("tracking_disable") or context.get("mail_notrack"))

    def _message_track(self, fields_iter, initial_values_dict):
        """Field changes of a status change join the message that recorded it, and the
        notes the action caused (``_clinic_log_note``) join them."""
        into = self.env.cr.precommit.data.pop(TRACK_INTO_MESSAGE, {})
        joined = self.filtered(lambda lead: lead.id in into)
        others = self - joined
        tracking = super(CrmLead, others)._message_track(fields_iter, initial_values_dict)
        messages = {}
        pending = self.env.cr.precommit.data.get(PENDING_NOTES) or {}
        for lead in others.filtered(lambda lead: lead.id in pending):
            if tracking.get(lead.id, (None,))[0]:
                # The message just logged with the changes.
                messages[lead.id] = (
                    self.env["mail.message"]
                    .sudo()
                    .search(
                        [("model", "=", self._name), ("res_id", "=", lead.id)],
                        order="id desc",
                        limit=1,
                    )
                )
        if joined and fields_iter:
            tracked_fields = self.fields_get(
                fields_iter, attributes=("string", "type", "selection", "currency_field")
            )
            for lead in joined:
                initial = initial_values_dict[lead.id]
                changes, tracking_values = lead._mail_track(tracked_fields, initial)
                tracking[lead.id] = (changes, tracking_values)
                message = self.env["mail.message"].browse(into[lead.id]).sudo()
                messages[lead.id] = message
                if tracking_values:
                    # sudo: the message is the one just posted for this user's action.
                    message.write({"tracking_value_ids": tracking_values})
        for lead_id, message in messages.items():
            notes = pending.pop(lead_id, None)
            if notes and message:
                extra = Markup("").join(Markup("<p>%s</p>") % note for note in notes)
                message.write({"body": (message.body or Markup()) + extra})
        return tracking

    def _clinic_log_note(self, body):
        """Log a note an action caused (a checklist item ticked, for instance).

        It joins the message of the action (its field changes) when there is one, and
        is logged on its own otherwise, when the transaction ends: never lost.
        """
        if not self._clinic_tracking_active():
            for lead in self:
                lead._message_log(body=body)
            return
        pending = self.env.cr.precommit.data.setdefault(PENDING_NOTES, {})
        if not pending:
            self.env.cr.precommit.add(self.browse()._clinic_log_pending_notes)
        for lead in self:
            pending.setdefault(lead.id, []).append(body)

    def _clinic_log_pending_notes(self, retry=True):
        pending = self.env.cr.precommit.data.get(PENDING_NOTES)
        if not pending:
            return
        tracked = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}") or {}
        if retry and any(lead_id in tracked for lead_id in pending):
            # Their field changes are logged next: the notes join them there.
            self.env.cr.precommit.add(lambda: self._clinic_log_pending_notes(retry=False))
            return
        self.env.cr.precommit.data.pop(PENDING_NOTES)
        for lead in self.sudo().browse(list(pending)).exists():
            lead._message_log(body=Markup("<br/>").join(pending[lead.id]))

    @api.model
    def _clinic_starting_status(self):
        """The status every new clinic lead starts at (Pending contact), if it still exists.

        Found through Odoo's cached xml id lookup, without a query: no cost in a
        capture request.
        """
        status_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "crm_ortho_onboarding.clinic_followup_status_pending_contact", raise_if_not_found=False
        )
        return self.env["clinic.followup.status"].browse(status_id or [])

    def _clinic_enter_starting_status(self):
        """Put new leads at Pending contact with the status's day-0 call.

        Batched for imports and bulk creation: one UPDATE for all the leads (no tracking:
        they were just created) and one activity_schedule per owner.
        """
        status = self._clinic_starting_status()
        if not status:
            return
        # sudo: part of creating the lead, which a user may do without the right to
        # edit leads (Read Only granted lead:create). clinic_status_rule_running: the
        # status is entered here, not again by write; clinic_scoring: create scores the
        # leads right after.
        leads_sudo = self.sudo()
        leads_sudo.with_context(clinic_status_rule_running=True, clinic_scoring=True).write(
            {"clinic_followup_status_id": status.id, "clinic_followup_streak": 1}
        )
        if not status.activity_type_id:
            return
        deadline = self._clinic_status_deadline(status)
        by_owner = leads_sudo.grouped(
            lambda lead: lead.user_id or lead.team_id.user_id or self.env.user
        )
        for owner, leads in by_owner.items():
            # Without Odoo's "activity assigned" e-mail per lead: an import is not a burst
            # of e-mails; the calls show in the owner's activity menu and on Today.
            leads.with_context(mail_activity_quick_update=True).activity_schedule(
                activity_type_id=status.activity_type_id.id,
                date_deadline=deadline,
                summary=status.activity_summary or status.name,
                user_id=owner.id,
            )

    def _clinic_stage_for_status(self, status):
        """The later stage of this lead's pipeline that the status moves it to, if any.

        The pipeline's own order decides what "later" is, and the card never moves into
        or past a stage whose gate it does not meet (``_clinic_stage_blocked``): then the
        status leaves the card where it is.
        """
        self.ensure_one()
        if not self.team_id or self.type != "opportunity":
            return None
        pipeline = self.env["crm.stage"].search(
            [("team_ids", "in", self.team_id.id)], order="sequence, id"
        )
        current = pipeline.ids.index(self.stage_id.id) if self.stage_id in pipeline else -1
        for stage in pipeline[current + 1 :]:
            if self._clinic_stage_blocked(stage):
                return None
            if status in stage.clinic_followup_status_ids:
                return stage
        return None

    def _clinic_stage_blocked(self, stage):
        """Why this lead may not be moved into ``stage`` by a follow-up status (a short
        reason), or False. Addons add their gates (authorization, checklist, qualification).

        A won stage is a decision (treatment started, hired, authorized), never the
        outcome of a follow-up status.
        """
        self.ensure_one()
        if stage.is_won:
            return self.env._("winning is decided on the opportunity")
        return self._clinic_stage_entry_blocked(stage)

    def _clinic_stage_entry_blocked(self, stage):
        """Why this lead may not enter ``stage`` by any route (kanban drag-drop, a status,
        the Qualify dialog), or False: a patient enters a stage that needs the date the
        application was sent (Application Pending) only once that date is known."""
        self.ensure_one()
        if (
            stage.clinic_needs_application_sent
            and self.clinic_lead_type == "patient"
            and not self.clinic_application_sent_date
        ):
            return self.env._("the date the application was sent is not entered")
        return False

    @api.constrains(
        "stage_id", "clinic_application_sent_date", "clinic_lead_type", "clinic_lead_stage", "type"
    )
    def _check_clinic_stage_entry(self):
        """Dragging a card, importing or writing the stage obeys the same gates as the
        Qualify dialog and the follow-up statuses; so does an unqualified patient lead
        marked Application Pending on its own stage bar."""
        for lead in self:
            stage_name = False
            if lead.stage_id.clinic_needs_application_sent:
                if lead._clinic_stage_entry_blocked(lead.stage_id):
                    stage_name = lead.stage_id.name
            elif (
                lead.type == "lead"
                and lead.clinic_lead_stage == "application_pending"
                and lead.clinic_lead_type == "patient"
                and not lead.clinic_application_sent_date
            ):
                stage_name = self.env._("Application Pending")
            if stage_name:
                raise ValidationError(
                    self.env._(
                        "%(lead)s cannot be in %(stage)s before the application is sent: "
                        "enter the date it was sent (Clinic tab, Application Sent) first.",
                        lead=lead.display_name,
                        stage=stage_name,
                    )
                )

    @api.model
    def _clinic_status_deadline(self, status, followup_date=None):
        """The day the status's activity is due: the follow-up date's day, else today plus
        the status's delay (moved to Monday when it asks for business days only)."""
        if followup_date:
            return fields.Date.context_today(self, followup_date)
        deadline = fields.Date.context_today(self) + timedelta(days=status.activity_delay_days)
        if status.activity_skip_weekends:
            while deadline.weekday() >= 5:  # Saturday, Sunday
                deadline += timedelta(days=1)
        return deadline

    def _clinic_schedule_status_activity(self, status, note=""):
        self.ensure_one()
        if not status.activity_type_id:
            return
        if status.activity_type_id.category == "phonecall" and self.clinic_opted_out:
            return  # the family asked not to be called
        self.activity_schedule(
            activity_type_id=status.activity_type_id.id,
            date_deadline=self._clinic_status_deadline(status, self.clinic_followup_date),
            summary=status.activity_summary or status.name,
            note=note,
            user_id=(self.user_id or self.env.user).id,
        )

    # ------------------------------------------------------------------
    # Assignment on capture
    # ------------------------------------------------------------------

    @api.model
    def _clinic_capture_prepare_vals(self, vals_list):
        """Owner, first-contact due and the after-capture job of new web/API leads, set in
        their values before the INSERT.

        Round robin over the team's members (Odoo's crm.team.member): the member with the
        fewest leads in the last 30 days goes first; members who paused assignment or
        reached their 30-day capacity are skipped. Nothing shared is written, so
        simultaneous web/API submissions never conflict on a member row. Leads of teams
        without available members stay unassigned for Odoo's scheduled assignment.
        """
        minutes = self._clinic_first_contact_sla_minutes()
        starting = self._clinic_starting_status()
        Team = self.env["crm.team"].sudo()
        default_team = self.env.context.get("default_team_id")
        # Leads given out earlier in this batch count against the members' capacity.
        pending = defaultdict(int)
        for vals in vals_list:
            team = Team.browse(vals.get("team_id") or default_team or [])
            if not vals.get("user_id") and team:
                member = team._clinic_next_member(self.new(vals), pending)
                if member:
                    vals["user_id"] = member.user_id.id
                    pending[member.id] += 1
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            vals["clinic_first_contact_due"] = self._clinic_first_contact_due(
                fields.Datetime.to_datetime(vals["clinic_received_date"]), company, minutes
            )
            vals["clinic_after_capture_pending"] = True
            if starting and not vals.get("clinic_followup_status_id"):
                # Pending contact; its day-0 call is the after-capture first-contact call.
                vals["clinic_followup_status_id"] = starting.id
                vals["clinic_followup_streak"] = 1
        return vals_list

    # ------------------------------------------------------------------
    # After capture: the work a web/API lead needs soon, not before the answer
    # ------------------------------------------------------------------
    # A capture request only writes the lead (and the capture log) and answers. The
    # creation message with its notifications, the owner's first-contact call activity
    # (with its bus notification) and the score are done by a scheduled action a minute
    # later at most. The job is the lead's own column, written in the same INSERT: a
    # worker killed after the commit leaves it pending, never lost.

    clinic_after_capture_pending = fields.Boolean(
        string="After-capture Work Pending",
        copy=False,
        readonly=True,
        help="The creation message, first-contact activity and score of this web or API "
        "lead are still to be done by the scheduled action.",
    )
    _clinic_after_capture_pending_idx = models.Index(
        "(id) WHERE clinic_after_capture_pending IS TRUE"
    )

    def _clinic_after_capture(self):
        """Do the pending after-capture work of these leads, once each."""
        leads = self.sudo().filtered("clinic_after_capture_pending")
        if not leads:
            return leads
        author = self.env.ref("base.partner_root")
        for lead in leads:
            subtype = lead._creation_subtype()
            if subtype:
                # What mail.thread posts at creation, so the team's followers hear of it.
                lead.message_post(
                    subtype_id=subtype.id,
                    author_id=author.id,
                    body=Markup('<div summary="o_mail_notification"><p>%s</p></div>')
                    % lead._creation_message(),
                )
        # Without Odoo's "activity assigned" e-mail: the call shows in the owner's
        # activity menu, and a burst of web leads is not a burst of rendered e-mails.
        leads.with_context(mail_activity_quick_update=True)._clinic_plan_first_contact()
        leads._clinic_scope()._clinic_compute_score()
        # A technical mark, not a change of the lead: no tracking, no audit row, no
        # rescoring, no write_date bump.
        self.env.cr.execute(
            SQL(
                "UPDATE crm_lead SET clinic_after_capture_pending = NULL WHERE id IN %s",
                tuple(leads.ids),
            )
        )
        leads.invalidate_recordset(["clinic_after_capture_pending"])
        return leads

    @api.model
    def _cron_clinic_after_capture(self, batch_size=200):
        """Every minute: the after-capture work of new web/API leads, in batches that
        commit their progress (a run killed mid-way leaves the rest pending)."""
        cron = self.env["ir.cron"]
        domain = Domain("clinic_after_capture_pending", "=", True)
        remaining = self.sudo().with_context(active_test=False).search_count(domain)
        done = 0
        while remaining:
            leads = (
                self.sudo()
                .with_context(active_test=False)
                .search(domain, order="id", limit=batch_size)
            )
            if not leads:
                break
            leads._clinic_after_capture()
            done += len(leads)
            remaining = max(remaining - len(leads), 0)
            if cron._commit_progress(len(leads), remaining=remaining) <= 0:
                break
        return done

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    @api.model
    def _clinic_score_fields(self):
        """Lead fields whose change may change a score: those the rules read, and what
        the computed ones among them depend on (e.g. ZIP for Out of Area)."""
        used = self.env["clinic.score.rule"].sudo()._fields_used()
        names = set(used)
        for name in used:
            field = self._fields.get(name)
            if field is not None and (field.compute or field.related):
                names.update(path.split(".")[0] for path in self.env.registry.field_depends[field])
        return names

    def _clinic_compute_score(self):
        """Score = sum of the points of the matching rules, kept within 0–100, with reasons."""
        leads = self.filtered("id").with_context(clinic_scoring=True)
        if not leads:
            return
        rules = self.env["clinic.score.rule"].sudo().search([("points", "!=", 0)])
        matches = {lead.id: [] for lead in leads}
        for rule in rules:
            for lead in rule._matching(leads):
                matches[lead.id].append(rule)
        # One write per distinct outcome, not per lead: most leads share a rule set.
        changed = defaultdict(list)
        for lead in leads:
            hits = sorted(matches[lead.id], key=lambda r: -abs(r.points))
            values = (
                max(0, min(100, sum(r.points for r in hits))),
                "\n".join(f"{r.points:+d} {r.name}" for r in hits),
                ", ".join(f"{r.name} ({r.points:+d})" for r in hits[:2]),
            )
            current = (
                lead.clinic_score,
                lead.clinic_score_reasons or "",
                lead.clinic_score_top or "",
            )
            if current != values:
                changed[values].append(lead.id)
        for (score, reasons, top), ids in changed.items():
            # clinic_scoring in the context: this write does not rescore.
            leads.browse(ids).sudo().write(
                {"clinic_score": score, "clinic_score_reasons": reasons, "clinic_score_top": top}
            )

    @api.model
    def _cron_clinic_recompute_scores(self, batch_size=2000):
        """Nightly: rules on age or time since contact change without any write.

        Batches commit their progress and the last lead done, so a run that crashes
        or runs out of time resumes after that lead instead of starting over.
        """
        params = self.env["ir.config_parameter"].sudo()
        key = "crm_ortho_onboarding.score_cron_last_id"
        last_id = int(params.get_param(key, "0") or 0)
        cron = self.env["ir.cron"]
        # Only leads still being worked: a won, lost or archived lead's score steers
        # nobody, and most of a clinic's leads are closed.
        open_leads = self._clinic_open_domain()
        # Counted once, then decremented (as the next-step sweep does): a count after
        # every batch rescans all the leads still to do.
        remaining = self.search_count(Domain("id", ">", last_id) & open_leads)
        while True:
            after = Domain("id", ">", last_id) & open_leads
            leads = self.search(after, order="id", limit=batch_size)
            if not leads:
                params.set_param(key, "0")
                break
            leads._clinic_compute_score()
            last_id = leads[-1].id
            remaining = max(remaining - len(leads), 0)
            params.set_param(key, str(last_id) if remaining else "0")
            if cron._commit_progress(len(leads), remaining=remaining) <= 0 or not remaining:
                break
            self.env.invalidate_all()

    def _clinic_flag_existing_patients(self):
        for lead in self:
            patients = lead._clinic_patient_matches()
            if patients and not lead.clinic_is_existing_patient:
                lead.clinic_is_existing_patient = True

    # ------------------------------------------------------------------
    # Last contacted
    # ------------------------------------------------------------------

    def _message_post_after_hook(self, message, msg_vals):
        """A call or meeting marked done, a text or an e-mail: the family was contacted."""
        if self._clinic_is_contact_message(msg_vals):
            self._clinic_mark_contacted(msg_vals.get("date") or message.date)
        return super()._message_post_after_hook(message, msg_vals)

    def _clinic_is_contact_message(self, msg_vals):
        """Whether a message posted on the lead records a contact with the family.

        Automatic acknowledgements sent while a web/API inquiry is captured are not one;
        notes are not, unless an addon marks them (``clinic_contact_message`` in the
        context, e.g. a patient's text recorded as a note).
        """
        context = self.env.context
        if context.get("clinic_capture_channel"):
            return False
        if context.get("clinic_contact_message"):
            return True
        message_type = msg_vals.get("message_type")
        if message_type in ("email", "email_outgoing", "sms"):
            return True
        activity_type_id = msg_vals.get("mail_activity_type_id")
        if activity_type_id:
            category = self.env["mail.activity.type"].browse(activity_type_id).sudo().category
            return category in ("phonecall", "meeting")
        # A message sent to the family from the chatter (not an internal note).
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        return bool(
            message_type == "comment"
            and msg_vals.get("subtype_id") == comment
            and msg_vals.get("partner_ids")
        )

    def _message_compute_author(self, author_id=None, email_from=None):
        """What a family does on the portal is credited to them, not to "Public user"."""
        if author_id is None and not email_from and self.env.user._is_public():
            family = self.partner_id if len(self) == 1 else self.partner_id.browse()
            if family:
                author_id = family.id
        return super()._message_compute_author(author_id=author_id, email_from=email_from)

    def _clinic_mark_contacted(self, when=None):
        """Keep the latest contact time (a later one never goes back)."""
        when = when or fields.Datetime.now()
        leads = self.sudo().filtered(
            lambda lead: not lead.clinic_last_contact_date or lead.clinic_last_contact_date < when
        )
        if leads:
            leads.write({"clinic_last_contact_date": when})

    # ------------------------------------------------------------------
    # Permissions
    # ------------------------------------------------------------------

    def _clinic_check_permission(self, group_xmlid, action_label, team_id=None):
        """Raise AccessError unless the current user holds ``group_xmlid``.

        Superuser contexts (crons, public forms after their own checks) pass:
        they are not a person acting in the clinic. Leads that are all in Odoo's own
        sales teams (not clinic pipelines; ``team_id``: the team a lead is created in
        or moved to) follow Odoo's rules only, and so do users who hold no clinic role
        on leads outside the clinic pipelines: the clinic's rules are for the clinic's
        leads, and Odoo's own flows pay no group lookup for them.
        """
        if self.env.su:
            return
        teams = self.team_id | self.env["crm.team"].browse(team_id or [])
        clinic = teams.filtered("clinic_pipeline_type")
        if not clinic and teams and (team_id or all(lead.team_id for lead in self)):
            # Only Odoo's own sales teams are involved: Odoo's rules, no group lookups.
            return
        if self.env.user.has_group(group_xmlid):
            return
        if not clinic and not self.env.user.has_group(CLINIC_STAFF):
            return
        raise AccessError(
            self.env._(
                "You are not allowed to %(action)s. Ask a clinic administrator "
                "for the “%(permission)s” permission.",
                action=action_label,
                permission=self.env.ref(group_xmlid).name,
            )
        )

    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        """Qualifying a lead (and later converting it to a patient) needs lead:convert."""
        self._clinic_check_permission(LEAD_CONVERT, self.env._("convert leads"), team_id=team_id)
        return super().convert_opportunity(partner, user_ids=user_ids, team_id=team_id)

    def merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True):
        """Merging deletes the merged leads and gives the result one owner: lead:assign
        (coordinators and admins), not lead:convert, which Front Desk holds but deleting
        leads is not theirs."""
        self._clinic_check_permission(LEAD_ASSIGN, self.env._("merge leads"))
        return super().merge_opportunity(user_id=user_id, team_id=team_id, auto_unlink=auto_unlink)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_clinic_qualify(self):
        """Open Odoo's conversion wizard, with the clinic's target-stage choice."""
        self._clinic_check_permission(LEAD_CONVERT, self.env._("qualify leads"))
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm.action_crm_lead2opportunity_partner"
        )
        action["context"] = {
            "active_model": "crm.lead",
            "active_id": self.id,
            "active_ids": self.ids,
        }
        action["name"] = self.env._("Qualify")
        action["views"] = [
            (
                self.env.ref(
                    "crm_ortho_onboarding.crm_lead2opportunity_partner_view_form_clinic"
                ).id,
                "form",
            )
        ]
        return action

    def action_clinic_disqualify(self):
        """Disqualify with a reason: Odoo's lost wizard, where the reason is required."""
        action = self.env["ir.actions.actions"]._for_xml_id("crm.crm_lead_lost_action")
        action["context"] = {
            "active_model": "crm.lead",
            "active_id": self.id,
            "active_ids": self.ids,
            "default_lead_ids": self.ids,
            "dialog_size": "medium",
        }
        action["name"] = self.env._("Disqualify")
        action["views"] = [
            (self.env.ref("crm_ortho_onboarding.crm_lead_lost_view_form_clinic").id, "form")
        ]
        return action

    def action_clinic_convert_to_patient(self):
        self.ensure_one()
        self._clinic_check_permission(
            LEAD_CONVERT,
            self.env._("convert leads to patients"),
        )
        if self.clinic_patient_id:
            raise UserError(
                self.env._(
                    "This lead is already linked to %(patient)s.",
                    patient=self.clinic_patient_id.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convert to Patient")
            if self.clinic_lead_type == "patient"
            else self.env._("Convert to Practitioner"),
            "res_model": "clinic.patient.conversion",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_clinic_link_partner(self):
        """Link this lead to a matching patient (called from the matches list)."""
        self.ensure_one()
        partner = self.env["res.partner"].browse(self.env.context.get("clinic_partner_id"))
        if not partner.exists():
            raise UserError(self.env._("Pick the patient to link from the matches."))
        if partner.clinic_is_patient:
            self.write({"clinic_patient_id": partner.id, "clinic_is_existing_patient": True})
        elif not self.partner_id:
            self.partner_id = partner
        self._message_log(body=self.env._("Linked to %(partner)s.", partner=partner.display_name))
        return True

    def action_clinic_change_status(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Follow-up Status"),
            "res_model": "clinic.followup.status.change",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "crm.lead", "active_ids": self.ids},
        }

    def action_clinic_schedule_consult(self):
        """Open the calendar to book a consultation with the patient/guardian invited."""
        self.ensure_one()
        contact = self._clinic_consult_contact()
        action = self.action_schedule_meeting(smart_calendar=False)
        patient = self.clinic_patient_id
        attendees = self.env.user.partner_id | contact | patient
        attendees |= patient.clinic_guardian_link_ids.guardian_id
        reminders = self.env.ref("crm_ortho_onboarding.calendar_alarm_clinic_consult_email")
        action["context"] = dict(
            action["context"],
            default_opportunity_id=self.id,
            default_res_model_id=self.env["ir.model"]._get_id("crm.lead"),
            default_res_id=self.id,
            default_partner_ids=attendees.ids,
            default_clinic_is_consult=True,
            default_alarm_ids=reminders.ids,
            default_location=self.team_id.name or "",
            default_duration=1.0,
            default_name=self.env._("Consultation – %(name)s", name=self._clinic_person_name()),
        )
        return action

    def action_clinic_timeline(self):
        """The timeline this opportunity shares with its patient and their other leads."""
        self.ensure_one()
        if not self.clinic_patient_id:
            raise UserError(
                self.env._(
                    "Convert this lead to a patient (or link it to one) first: the timeline "
                    "is the patient's, shared by all their leads."
                )
            )
        return self.clinic_patient_id.action_clinic_timeline()

    def _clinic_consult_contact(self):
        """The family's contact to invite to a consult, linked to the lead.

        The lead's contact, else the clinic's contact with the same e-mail, else a
        new contact made from the lead (name, e-mail, phone, address): an invitation
        and its reminders need someone to go to.
        """
        self.ensure_one()
        if self.partner_id or not (self.email_from or self.phone):
            return self.partner_id
        reach = []
        if self.email_normalized:
            reach.append(Domain("email_normalized", "=", self.email_normalized))
        if self.phone_sanitized:
            reach.append(Domain("phone_sanitized", "=", self.phone_sanitized))
        company = self.company_id or self.env.company
        candidates = self.env["res.partner"].search(
            Domain.OR(reach or [Domain.FALSE]) & Domain("company_id", "in", [False, company.id]),
            limit=20,
        )
        # A child's record often carries the parent's e-mail: the contact is the
        # patient only when the lead says the patient is their own contact.
        if self.clinic_contact_relation != "self":
            candidates = candidates.filtered(lambda p: not p.clinic_is_patient)
        partner = candidates[:1]
        if not partner:
            name = self.contact_name or self._clinic_person_name() or self.email_from
            partner = self.env["res.partner"].create(
                self._prepare_customer_values(name, is_company=False)
            )
        self.partner_id = partner
        return partner

    def action_clinic_view_patient(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.clinic_patient_id.id,
            "view_mode": "form",
        }

    @api.model
    def _clinic_demo_retire_odoo_samples(self):
        """Demo data: Odoo's sample sales leads (crm's demo: "Office chairs", "Quote for
        35 windows"…) leave the clinic's pipelines and lists and are archived, so that
        no furniture quote shows up as a patient."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "crm"), ("model", "=", "crm.lead")])
        )
        samples = self.sudo().with_context(active_test=False).browse(data.mapped("res_id"))
        samples = samples.exists()
        sales = self.env.ref("sales_team.team_sales_department", raise_if_not_found=False)
        off_clinic = samples.filtered(
            lambda lead: not lead.team_id or lead.team_id.clinic_pipeline_type
        )
        if sales and off_clinic:
            off_clinic.write({"team_id": sales.id})
        samples.filtered("active").action_archive()
        return samples

    # ------------------------------------------------------------------
    # Next-step sweep
    # ------------------------------------------------------------------
    # Safety net: no open lead is left without a next step.
    #
    # Statuses plan the next activity, but a lead can still end up with none: a
    # coordinator marks the call done without setting a status, a lead entered by
    # hand gets no status, a consult ends in "Visit completed" (no activity of its
    # own), a lead sits in "Not interested" without being disqualified. The 90-day
    # simulation (test_crm_clinic/tests/clinic_simulation.py) found such leads; a nightly sweep
    # gives each one a to-do for its owner instead of letting it go silent.

    @api.model
    def _clinic_open_domain(self):
        """Leads still being worked: not won, lost or archived."""
        return Domain("active", "=", True) & Domain("won_status", "=", "pending")

    @api.model
    def _clinic_without_next_step_domain(self):
        """Open leads (not won, not lost or archived) with no open activity.

        Families who asked not to be contacted are left alone.
        """
        # Done activities stay, archived: "no activity" would miss the leads whose
        # last call was marked done.
        return (
            self._clinic_open_domain()
            & Domain("clinic_do_not_contact", "=", False)
            & Domain("activity_ids", "not any", [("active", "=", True)])
        )

    def _clinic_cancel_calls(self, reason):
        """Cancel the open calls of leads whose family opted out, with a note saying why."""
        for lead in self:
            calls = lead.activity_ids.filtered(lambda a: a.activity_type_id.category == "phonecall")
            if not calls:
                continue
            summaries = ", ".join(calls.mapped(lambda a: a.summary or a.activity_type_id.name))
            calls.unlink()
            lead._message_log(
                body=self.env._(
                    "Calls canceled (%(calls)s): %(reason)s", calls=summaries, reason=reason
                )
            )

    def _clinic_plan_next_step(self):
        today = fields.Date.context_today(self)
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        # One activity_schedule per owner: Odoo then creates the activities (and the
        # owner's follower rows) in one batch instead of one create per lead.
        by_owner = self.grouped(
            lambda lead: lead.user_id or lead.team_id.user_id or admin or self.env.user
        )
        for owner, leads in by_owner.items():
            leads.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Plan the next step"),
                note=self.env._(
                    "This lead had no follow-up planned: call the family, book the consult, "
                    "win it or disqualify it."
                ),
                user_id=owner.id,
            )

    @api.model
    def _cron_clinic_plan_next_steps(self, batch_size=1000):
        """Nightly: a to-do on every open lead left without an activity (batched).

        Walks the open leads in windows of ``batch_size`` ids and keeps those without an
        activity. Asking directly for "the next leads without an activity after id N"
        makes PostgreSQL merge-join every activity from the first one: 0.8 s a batch
        at 1M leads, against 3 ms for a window of known ids.
        """
        cron = self.env["ir.cron"]
        remaining = self.search_count(self._clinic_without_next_step_domain())
        done = last_id = 0
        while remaining:
            window = self.search(
                self._clinic_open_domain() & Domain("id", ">", last_id),
                order="id",
                limit=batch_size,
            )
            if not window:
                break
            last_id = window[-1].id
            leads = self.search(
                self._clinic_without_next_step_domain() & Domain("id", "in", window.ids),
                order="id",
            )
            leads.with_context(mail_activity_quick_update=True)._clinic_plan_next_step()
            done += len(leads)
            remaining = max(remaining - len(leads), 0)
            if cron._commit_progress(len(leads), remaining=remaining) <= 0:
                break
        return done
