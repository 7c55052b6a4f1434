# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import hashlib
import logging
import secrets
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request as http_request_proxy
from odoo.tools import format_date, html2plaintext
from odoo.tools.image import base64_to_image

from odoo.addons.crm_ortho_onboarding.models.clinic_tools import age_on

from .intake_fields import CHOICE_TYPES, PACKET_ONCE_FIELDS, answer_means_yes, packet_rank

_logger = logging.getLogger(__name__)


def request_from_http():
    """The HTTP request being served (the patient's browser), or None in crons/tests."""
    return http_request_proxy if http_request_proxy else None


REQUEST_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("in_progress", "In progress"),
    ("done", "Completed"),
    ("expired", "Renewal needed"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("draft", "sent", "in_progress")
EMPTY_PROGRESS = {
    "total": 0,
    "done": 0,
    "missing": 0,
    "expired": 0,
    "overdue": 0,
    "progress": 0.0,
}
# Days before the due date on which the recipient gets a reminder.
REMINDER_DAYS = (3, 1)
# Intake links work this many days after the due date (Settings > CRM > Intake links).
LINK_DAYS_PARAM = "crm_intake_forms.link_validity_days"
DEFAULT_LINK_DAYS = 30
# The date-of-birth check that guards a completed form's answers: after every
# DOB_TRIES_PER_LOCK wrong dates it locks for DOB_LOCK_MINUTES; after DOB_MAX_FAILURES
# it stays locked until the clinic sends the forms again.
DOB_TRIES_PER_LOCK = 5
DOB_LOCK_MINUTES = 60
DOB_MAX_FAILURES = 15


class ClinicIntakeRequest(models.Model):
    """One intake form asked of one patient (answered by them or their guardian).

    The answers live in Odoo's ``survey.user_input``; the request adds who it is
    for, when it is due, reminders, expiry and the patient records it produced.
    Requests sent together share a ``packet_token``: one link lists them all.
    """

    _name = "clinic.intake.request"
    _description = "Intake Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_due, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Intake Form",
        required=True,
        ondelete="restrict",
        domain=[("clinic_is_intake", "=", True)],
        tracking=True,
    )
    intake_category = fields.Selection(related="survey_id.clinic_intake_category", store=True)
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Answered by",
        required=True,
        index=True,
        tracking=True,
        help="Who fills in the form and signs: the patient, or a guardian for a minor.",
    )
    lead_id = fields.Many2one("crm.lead", index="btree_not_null", tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Coordinator", default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="crm_intake_forms.group_clinic_intake_view_submissions",
    )
    has_answers = fields.Boolean(compute="_compute_has_answers")
    packet_token = fields.Char(copy=False, index=True, groups="base.group_user")
    state = fields.Selection(
        REQUEST_STATES, default="draft", required=True, tracking=True, index=True
    )
    date_sent = fields.Datetime(string="Sent on", readonly=True, copy=False)
    date_due = fields.Date(string="Due", tracking=True)
    date_opened = fields.Datetime(string="Opened on", readonly=True, copy=False)
    date_done = fields.Datetime(string="Completed on", readonly=True, copy=False, tracking=True)
    date_expiry = fields.Date(string="Expires on", readonly=True, copy=False, tracking=True)
    date_link_expiry = fields.Date(
        string="Link Expires",
        readonly=True,
        copy=False,
        tracking=True,
        help="The link sent to the family stops working after this day; send the forms "
        "again for a new link.",
    )
    link_expiry_notified = fields.Boolean(readonly=True, copy=False)
    link_by_sms = fields.Boolean(
        string="Link Texted",
        readonly=True,
        copy=False,
        help="The link was sent by SMS; reminders to a family without e-mail go by SMS too.",
    )
    dob_failure_count = fields.Integer(
        string="Wrong Birthdates", readonly=True, copy=False, groups="base.group_user"
    )
    dob_locked_until = fields.Datetime(readonly=True, copy=False, groups="base.group_user")
    date_last_reminder = fields.Date(string="Last Reminder", readonly=True, copy=False)
    reminder_count = fields.Integer(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    overdue_notified = fields.Boolean(readonly=True, copy=False)
    completion_risk = fields.Selection(
        [
            ("not_opened", "Not opened 48 h after sending"),
            ("stalled", "Opened but not finished for 48 h"),
            ("consult_soon", "Consultation within 48 h"),
            ("due_soon", "Due within 2 days"),
        ],
        compute="_compute_completion_risk",
        search="_search_completion_risk",
        help="Rule-based warning that the form may not be ready in time for the visit.",
    )
    renewal_of_id = fields.Many2one("clinic.intake.request", readonly=True, copy=False)
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)
    medical_history_ids = fields.One2many("clinic.medical.history", "request_id")
    insurance_policy_ids = fields.One2many("clinic.insurance.policy", "request_id")
    consent_ids = fields.One2many("clinic.consent", "request_id")
    review_note = fields.Text(readonly=True, copy=False)

    def _compute_has_answers(self):
        for request in self:
            request.has_answers = bool(request.sudo().user_input_id)

    @api.depends("survey_id.title", "patient_id.name")
    def _compute_name(self):
        for request in self:
            request.name = f"{request.survey_id.title or ''} – {request.patient_id.name or ''}"

    @api.model
    def _clinic_progress_by(self, group_field, domain):
        """Forms done/missing/to renew/overdue per patient or lead, in one query.

        Only the newest request per form counts, so a renewal replaces the form
        it renews and a cancelled request counts for nothing.
        """
        rows = self.sudo().search_read(
            [*domain, ("state", "!=", "cancel")],
            [group_field, "survey_id", "state", "date_due"],
            order="id desc",
        )
        today = fields.Date.context_today(self)
        seen = set()
        stats = {}
        for row in rows:
            owner = row[group_field] and row[group_field][0]
            if not owner or (owner, row["survey_id"][0]) in seen:
                continue
            seen.add((owner, row["survey_id"][0]))
            values = stats.setdefault(owner, dict(EMPTY_PROGRESS))
            values["total"] += 1
            if row["state"] == "done":
                values["done"] += 1
            elif row["state"] == "expired":
                values["expired"] += 1
            else:
                values["missing"] += 1
                if row["date_due"] and row["date_due"] < today:
                    values["overdue"] += 1
        for values in stats.values():
            values["progress"] = 100.0 * values["done"] / values["total"]
        return stats

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/intake/{request.id}"
        return result

    @api.depends("date_due", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES and request.date_due and request.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        overdue = [
            ("state", "in", list(OPEN_STATES)),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return overdue if (operator == "=") == value else ["!", "&", *overdue]

    def _completion_risk_domains(self):
        """The risk rules as domains, most specific first (used to compute and search)."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        return [
            (
                "not_opened",
                [("state", "=", "sent"), ("date_sent", "<=", now - timedelta(hours=48))],
            ),
            (
                "stalled",
                [("state", "=", "in_progress"), ("date_opened", "<=", now - timedelta(hours=48))],
            ),
            (
                "consult_soon",
                [
                    ("state", "in", ("sent", "in_progress")),
                    (
                        "lead_id.calendar_event_ids",
                        "any",
                        [("start", ">=", now), ("start", "<=", now + timedelta(hours=48))],
                    ),
                ],
            ),
            (
                "due_soon",
                [
                    ("state", "in", ("sent", "in_progress")),
                    ("date_due", ">=", today),
                    ("date_due", "<=", today + timedelta(days=2)),
                ],
            ),
        ]

    @api.depends("state", "date_sent", "date_opened", "date_due")
    def _compute_completion_risk(self):
        self.completion_risk = False
        pending = self.filtered(lambda r: r.state in ("sent", "in_progress") and r.id)
        for risk, domain in self._completion_risk_domains():
            matching = pending.filtered_domain(domain)
            for request in matching:
                request.completion_risk = risk
            pending -= matching

    def _search_completion_risk(self, operator, value):
        rules = dict(self._completion_risk_domains())
        if operator == "in":
            keys = [key for key in value if key in rules]
        elif operator == "not in" and set(value) == {False}:
            keys = list(rules)
        else:
            return NotImplemented
        return Domain.OR([rules[key] for key in keys]) if keys else Domain.FALSE

    @api.constrains("patient_id", "recipient_id", "survey_id")
    def _check_recipient(self):
        for request in self:
            patient = request.patient_id
            if request.recipient_id == patient and patient.clinic_needs_guardian:
                raise ValidationError(
                    self.env._(
                        "%(patient)s is a minor (of age at %(majority)s in their state) and "
                        "not emancipated: intake forms go to a parent or legal guardian, not "
                        "to the patient.",
                        patient=patient.name,
                        majority=patient.clinic_age_of_majority,
                    )
                )
            if request.recipient_id != patient and not request._clinic_recipient_is_guardian():
                raise ValidationError(
                    self.env._(
                        "%(recipient)s is not a guardian of %(patient)s: add them as a "
                        "guardian on the patient first.",
                        recipient=request.recipient_id.name,
                        patient=patient.name,
                    )
                )

    def _clinic_recipient_is_guardian(self):
        self.ensure_one()
        return (
            self.recipient_id
            in self.patient_id.clinic_guardian_link_ids.filtered(
                lambda link: link.relation != "self"
            ).guardian_id
        )

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _clinic_prepare_answers(self):
        """Create the survey answer of each request, prefilled, ready for the portal."""
        for request in self.filtered(lambda r: not r.sudo().user_input_id):
            # The request's ACL is the gate: survey answers are read-only for most staff.
            survey = request.survey_id.sudo()
            user_input = survey._create_answer(partner=request.recipient_id, check_attempts=False)
            request.sudo().user_input_id = user_input
            request._clinic_prefill(user_input)
            # Minor status (and what the packet already knows) is there from the first
            # page: the questions it shows are shown at once, on any page.
            request._clinic_apply_locked_answers()

    def _clinic_prefill(self, user_input):
        """Answer what we already know: from the partner, then the previous submission."""
        self.ensure_one()
        previous = self._clinic_previous_submission()
        previous_lines = (
            previous.user_input_line_ids if previous else self.env["survey.user_input.line"].sudo()
        )
        partner_values = self._clinic_partner_prefill_values()
        for question in user_input.survey_id.question_ids:
            old = previous_lines.filtered(lambda line, q=question: line.question_id == q)
            value = partner_values.get(question.clinic_intake_field)
            if value and question.question_type in ("char_box", "text_box", "date"):
                user_input._save_lines(question, value)
            elif old and not all(line.skipped for line in old):
                old.copy({"user_input_id": user_input.id})

    def _clinic_previous_submission(self):
        self.ensure_one()
        previous = self.sudo().search(
            [
                ("patient_id", "=", self.patient_id.id),
                ("survey_id", "=", self.survey_id.id),
                ("state", "in", ("done", "expired")),
                ("id", "!=", self.id),
            ],
            order="date_done desc, id desc",
            limit=1,
        )
        return previous.user_input_id

    def _clinic_partner_prefill_values(self):
        self.ensure_one()
        patient = self.patient_id
        address = ", ".join(
            part
            for part in (
                patient.street,
                patient.city,
                patient.state_id.code,
                patient.zip,
            )
            if part
        )
        guardian = self.recipient_id if self.recipient_id != patient else False
        return {
            "patient_name": patient.name,
            "patient_birthdate": patient.clinic_birthdate
            and fields.Date.to_string(patient.clinic_birthdate),
            "patient_email": patient.email,
            "patient_phone": patient.phone,
            "patient_address": address,
            "guardian_name": guardian and guardian.name,
            "signature_name": False,
        }

    def _clinic_packet_requests(self):
        """All requests sent together with this one (same link)."""
        self.ensure_one()
        if not self.sudo().packet_token:
            return self
        return self.sudo().search([("packet_token", "=", self.sudo().packet_token)])

    def _clinic_packet_sorted(self):
        """These requests in packet order: histories, insurance, then what is signed."""
        return self.sorted(
            lambda r: (packet_rank(r.survey_id.clinic_intake_category), r.date_due or False, r.id)
        )

    def _clinic_form_url(self, token_access):
        self.ensure_one()
        url = f"/my/intake/{self.id}"
        return f"{url}?access_token={self.sudo().access_token}" if token_access else url

    def _clinic_packet_status(self, token_access=None):
        """Where the family stands in this request's packet: forms done, the next one
        and the links back, for the page shown after each form.

        :param token_access: links with the tokens (the family came by the e-mailed
            link) rather than the logged-in portal pages; by default, token links unless
            the visitor is the logged-in recipient.
        """
        self.ensure_one()
        request = self.sudo()
        if token_access is None:
            token_access = self.env.user.partner_id != request.recipient_id or bool(
                self.env.user._is_public()
            )
        packet = (
            request._clinic_packet_requests()
            .filtered(lambda r: r.state not in ("cancel", "expired"))
            ._clinic_packet_sorted()
        )
        done = packet.filtered(lambda r: r.state == "done")
        next_request = (packet - done)[:1]
        packet_url = (
            f"/intake/{request.packet_token}"
            if token_access and request.packet_token
            else "/my/intake"
        )
        return {
            "done": len(done),
            "total": len(packet),
            "next": next_request,
            "next_url": next_request._clinic_form_url(token_access) if next_request else False,
            "packet_url": packet_url,
            "sign_url": f"/my/intake/{self.id}/sign"
            + (f"?access_token={request.access_token}" if token_access else ""),
        }

    # ------------------------------------------------------------------
    # Asked once per packet; computed, never asked; checked against the birth date
    # ------------------------------------------------------------------

    def _clinic_identity_request(self):
        """The packet's form that asks the patient's name and birth date: the first,
        in packet order, with such a question. The other forms show them read-only."""
        self.ensure_one()
        packet = (
            self._clinic_packet_requests()
            .filtered(lambda r: r.state != "cancel")
            ._clinic_packet_sorted()
        )
        return packet.filtered(
            lambda r: any(
                q.clinic_intake_field in PACKET_ONCE_FIELDS for q in r.survey_id.question_ids
            )
        )[:1]

    def _clinic_packet_identity(self):
        """The patient's name and birth date for this packet: as answered in its first
        form (when it is another form than this one), else from the patient record."""
        self.ensure_one()
        request = self.sudo()
        patient = request.patient_id
        values = {"patient_name": patient.name, "patient_birthdate": patient.clinic_birthdate}
        identity = request._clinic_identity_request()
        if identity and identity != request:
            for line in identity.user_input_id.user_input_line_ids:
                field = line.question_id.clinic_intake_field
                if field in PACKET_ONCE_FIELDS and not line.skipped:
                    value = line.value_date if field == "patient_birthdate" else line.value_char_box
                    values[field] = value or values[field]
        return values

    def _clinic_answered_birthdate(self):
        """The birth date typed in this request's own form, if any."""
        self.ensure_one()
        lines = self.sudo().user_input_id.user_input_line_ids.filtered(
            lambda line: (
                line.question_id.clinic_intake_field == "patient_birthdate" and not line.skipped
            )
        )
        return lines[:1].value_date or None

    def _clinic_is_minor_on(self, birthdate):
        """Whether the patient, born on ``birthdate``, is a minor in their state."""
        self.ensure_one()
        age = age_on(birthdate)
        return age is not None and age < self.sudo().patient_id._clinic_age_of_majority()

    def _clinic_locked_answers(self, birthdate=None):
        """{question: value} the family does not answer in this form: the packet's name
        and birth date outside its first form, and whether the patient is a minor, which
        is always computed from the birth date and the patient's state.

        :param birthdate: a birth date just typed in this form (used only when the
            patient record has none)
        """
        self.ensure_one()
        request = self.sudo()
        questions = request.survey_id.question_ids.filtered("clinic_intake_field")
        locked = {}
        is_identity = request._clinic_identity_request() == request
        known = request._clinic_packet_identity()
        for question in questions:
            field = question.clinic_intake_field
            if field in PACKET_ONCE_FIELDS and not is_identity and known.get(field):
                locked[question] = known[field]
        birthdate = (
            request.patient_id.clinic_birthdate
            or birthdate
            or request._clinic_answered_birthdate()
            or known.get("patient_birthdate")
        )
        if birthdate:
            minor = request._clinic_is_minor_on(birthdate)
            for question in questions.filtered(
                lambda q: q.clinic_intake_field == "patient_is_minor"
            ):
                answer = question.suggested_answer_ids.filtered(
                    lambda a: answer_means_yes(a.value) == minor
                )[:1]
                if answer:
                    locked[question] = answer
        return locked

    @api.model
    def _clinic_answer_value(self, question, value):
        """A locked value as survey posts and saves it."""
        if isinstance(value, models.BaseModel):
            return str(value.id)
        if question.question_type == "date":
            return fields.Date.to_string(value)
        return value

    def _clinic_apply_locked_answers(self):
        """Save the locked answers over whatever was posted (before the form is done)."""
        for request in self.sudo():
            user_input = request.user_input_id
            if not user_input or user_input.state == "done":
                continue
            for question, value in request._clinic_locked_answers().items():
                user_input._save_lines(question, request._clinic_answer_value(question, value))

    def _clinic_check_page(self, questions, post):
        """Validate one submitted page of this request's form, in clinic words.

        Replaces in ``post`` the answers the family does not give (locked), then
        checks the birth date, required answers ("none" is an answer to give), dates
        against the birth date and "none" chosen alone. Returns {question id:
        message} (empty: the page is fine).
        """
        self.ensure_one()
        errors = {}
        locked = self._clinic_locked_answers()
        typed_birthdate = None
        for question in questions.filtered(
            lambda q: q.clinic_intake_field == "patient_birthdate" and q not in locked
        ):
            typed_birthdate = self._clinic_posted_date(post.get(str(question.id)))
            if typed_birthdate and typed_birthdate > fields.Date.context_today(self):
                errors[question.id] = self.env._("A date of birth cannot be in the future.")
            elif typed_birthdate and typed_birthdate.year < 1900:
                errors[question.id] = self.env._("Please check the year of this date of birth.")
        if typed_birthdate and not errors:
            locked = self._clinic_locked_answers(birthdate=typed_birthdate)
        for question in questions:
            if question in locked:
                post[str(question.id)] = self._clinic_answer_value(question, locked[question])
        birthdate = (
            self.sudo().patient_id.clinic_birthdate
            or typed_birthdate
            or self._clinic_packet_identity().get("patient_birthdate")
        )
        errors.update(self._clinic_required_errors(questions, post, locked))
        for question in questions:
            message = self._clinic_value_error(question, post.get(str(question.id)), birthdate)
            if message:
                errors[question.id] = message
        return errors

    def _clinic_required_errors(self, questions, post, locked):
        """Required questions are answered on their page (survey would let the family
        go on and come back to them): "none" is an answer to give, not a blank."""
        selected = {
            line.suggested_answer_id.id
            for line in self.sudo().user_input_id.user_input_line_ids
            if line.suggested_answer_id and line.question_id not in questions
        }
        for question in questions.filtered(lambda q: q.question_type in CHOICE_TYPES):
            value = post.get(str(question.id))
            selected.update(
                int(item)
                for item in (value if isinstance(value, list) else [value])
                if isinstance(item, (str, int)) and str(item).isdigit()
            )
        errors = {}
        for question in questions:
            active = not question.triggering_answer_ids or (
                set(question.triggering_answer_ids.ids) & selected
            )
            if not question.constr_mandatory or question in locked or not active:
                continue
            value = post.get(str(question.id))
            if value.strip() if isinstance(value, str) else value:
                continue
            nones = question.suggested_answer_ids.filtered(
                lambda a: a.value.strip().lower().startswith("none")
            )
            errors[question.id] = (
                self.env._("Please answer; choose “%(none)s” if none applies.", none=nones[0].value)
                if nones
                else question.constr_error_msg or self.env._("This question needs an answer.")
            )
        return errors

    def _clinic_value_error(self, question, value, birthdate):
        """What is wrong with one posted answer (False: nothing)."""
        if (
            question.question_type == "date"
            and question.clinic_intake_field != "patient_birthdate"
            and birthdate
        ):
            date = self._clinic_posted_date(value)
            if date and date < birthdate:
                return self.env._(
                    "This date is before the patient's date of birth (%(birthdate)s).",
                    birthdate=format_date(self.env, birthdate),
                )
        if question.question_type == "multiple_choice" and value:
            chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
            answers = question.suggested_answer_ids.filtered(
                lambda a, chosen=chosen: str(a.id) in chosen
            )
            nones = answers.filtered(lambda a: a.value.strip().lower().startswith("none"))
            if nones and len(answers) > 1:
                return self.env._(
                    "Choose “%(none)s” alone, or only the answers that apply.",
                    none=nones[0].value,
                )
        return False

    @api.model
    def _clinic_posted_date(self, value):
        if not value or not isinstance(value, str):
            return None
        try:
            return fields.Date.to_date(value[:10])
        except ValueError:
            return None

    def _clinic_consent_to_draw(self):
        """A consent of this request recorded without the drawn signature it needs."""
        self.ensure_one()
        return self.sudo().consent_ids.filtered(lambda c: c.state == "unsigned")[:1]

    def _clinic_packet_url(self):
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/intake/{self.sudo().packet_token}"

    def action_send(self):
        """Send the requests: one e-mail per recipient with one link to all their forms."""
        return self._clinic_send()

    def _clinic_send(self, send_sms=False):
        """Send by e-mail (and SMS if asked): one message per recipient, one link each.

        A family with only a phone gets the link by SMS alone, when "Also by SMS" is
        ticked and the SMS rules allow texting them (``_clinic_sms_refusal``).
        """
        self._clinic_check_can_send(send_sms=send_sms)
        requests = self.filtered(lambda r: r.state in ("draft", "sent", "in_progress"))
        requests._clinic_prepare_answers()
        template = self.env.ref("crm_intake_forms.mail_template_intake_request")
        for recipient in requests.recipient_id:
            packet = requests.filtered(lambda r, rec=recipient: r.recipient_id == rec)
            token = packet[0].sudo().packet_token
            if not token or any(request._clinic_link_expired() for request in packet):
                # An expired link stays dead: the new sending gets new tokens.
                token = secrets.token_urlsafe(24)
                packet.sudo().access_token = False
            packet.sudo().packet_token = token
            for request in packet:
                request._portal_ensure_token()
            packet._clinic_set_link_expiry()
            packet.filtered(lambda r: r.state == "draft").write(
                {"state": "sent", "date_sent": fields.Datetime.now()}
            )
            if recipient.email:
                template.send_mail(packet[0].id, email_layout_xmlid="mail.mail_notification_light")
            refusal = send_sms and self._clinic_sms_refusal(recipient)
            if send_sms and not refusal:
                packet[0]._clinic_text_link(
                    self.env._(
                        "%(company)s: please complete the forms for %(patient)s before the "
                        "visit: %(url)s",
                        company=packet[0].company_id.name,
                        patient=packet[0].patient_id.name,
                        url=packet[0]._clinic_packet_url(),
                    )
                )
                packet.sudo().link_by_sms = True
            elif refusal:
                packet._clinic_log_on_origin(
                    self.env._(
                        "Intake link not texted to %(recipient)s: %(reason)s",
                        recipient=recipient.name,
                        reason=refusal,
                    )
                )
            packet._clinic_log_on_origin(
                self.env._(
                    "Intake forms sent to %(recipient)s: %(forms)s",
                    recipient=recipient.name,
                    forms=", ".join(packet.survey_id.mapped("title")),
                )
            )
        return True

    # ------------------------------------------------------------------
    # Links that expire; answers shown after the date of birth is confirmed
    # ------------------------------------------------------------------

    @api.model
    def _clinic_link_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(LINK_DAYS_PARAM)
        try:
            days = int(value or DEFAULT_LINK_DAYS)
        except ValueError:
            days = DEFAULT_LINK_DAYS
        return max(days, 1)

    def _clinic_set_link_expiry(self):
        """Date the links of these requests (sent now) stop working, and make Odoo's
        survey pages refuse the answer after it too (``survey.user_input.deadline``)."""
        today = fields.Date.context_today(self)
        days = self._clinic_link_days()
        for request in self.sudo():
            expiry = max(request.date_due or today, today) + timedelta(days=days)
            request.write(
                {
                    "date_link_expiry": expiry,
                    "link_expiry_notified": False,
                    "dob_failure_count": 0,
                    "dob_locked_until": False,
                }
            )
            if request.user_input_id.state != "done":
                request.user_input_id.deadline = datetime.combine(
                    expiry + timedelta(days=1), time.min
                )

    def _clinic_link_expired(self):
        self.ensure_one()
        request = self.sudo()
        return bool(
            request.date_link_expiry and request.date_link_expiry < fields.Date.context_today(self)
        )

    def _clinic_log_link_event(self, body):
        """Audit what happened to the family's link on the request's chatter (no PHI:
        neither the token nor a typed birthdate)."""
        http_request = request_from_http()
        address = http_request and http_request.httprequest.remote_addr
        for intake in self.sudo():
            intake._message_log(
                body=self.env._("%(event)s (from %(ip)s)", event=body, ip=address or "-")
                if address
                else body
            )

    def _clinic_expected_birthdate(self):
        self.ensure_one()
        birthdate = self.sudo().patient_id.clinic_birthdate
        if not birthdate:
            answered = self._clinic_mapped_answers().get("patient_birthdate")
            birthdate = answered and fields.Date.to_date(answered)
        return birthdate

    def _clinic_check_birthdate(self, value):
        """``ok``, ``wrong`` or ``locked``: may the visitor see this completed form's
        answers? Call on sudo, after the token check. Every refusal is logged."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.dob_failure_count >= DOB_MAX_FAILURES or (
            self.dob_locked_until and self.dob_locked_until > now
        ):
            self._clinic_log_link_event(
                self.env._("Answers refused: too many wrong birthdates, the check is locked.")
            )
            return "locked"
        try:
            given = fields.Date.to_date(value) if value else None
        except ValueError:
            given = None
        expected = self._clinic_expected_birthdate()
        if expected and given == expected:
            self.write({"dob_failure_count": 0, "dob_locked_until": False})
            self._clinic_log_link_event(
                self.env._("Answers shown after the date of birth was confirmed.")
            )
            return "ok"
        failures = self.dob_failure_count + 1
        vals = {"dob_failure_count": failures}
        if not failures % DOB_TRIES_PER_LOCK:
            vals["dob_locked_until"] = now + timedelta(minutes=DOB_LOCK_MINUTES)
        self.write(vals)
        self._clinic_log_link_event(
            self.env._("Answers refused: wrong date of birth (attempt %(count)s).", count=failures)
        )
        return "locked" if "dob_locked_until" in vals else "wrong"

    @api.model
    def _cron_expire_links(self, batch_size=500):
        """Note on each open request whose link expired that the family needs a new one."""
        today = fields.Date.context_today(self)
        expired = self.search(
            [
                ("state", "in", list(OPEN_STATES)),
                ("date_link_expiry", "<", today),
                ("link_expiry_notified", "=", False),
            ],
            limit=batch_size,
        )
        for request in expired:
            request._message_log(
                body=self.env._(
                    "The link sent to %(recipient)s expired on %(date)s: send the forms again "
                    "for a new link.",
                    recipient=request.recipient_id.name,
                    date=request.date_link_expiry,
                )
            )
        expired.link_expiry_notified = True
        return len(expired)

    def _clinic_check_can_send(self, send_sms=False):
        """Every recipient can be reached: by e-mail, or by SMS when asked and allowed."""
        for recipient in self.recipient_id:
            if recipient.email:
                continue
            if not send_sms:
                raise UserError(
                    self.env._(
                        "%(recipient)s has no e-mail address: add one, or tick “Also by SMS” "
                        "to text the intake link to their phone.",
                        recipient=recipient.name,
                    )
                )
            refusal = self._clinic_sms_refusal(recipient)
            if refusal:
                raise UserError(
                    self.env._(
                        "%(recipient)s has no e-mail address and the intake link cannot be "
                        "texted: %(reason)s",
                        recipient=recipient.name,
                        reason=refusal,
                    )
                )

    @api.model
    def _clinic_sms_refusal(self, partner):
        """Why the intake link may not be texted to ``partner`` (False when it may).

        Here: a valid phone number that did not opt out (Odoo's phone blacklist,
        fed by STOP replies). Bridges add the clinic's consent to texts.
        """
        if not partner.phone_sanitized:
            return self.env._("no valid phone number.")
        if partner.phone_sanitized_blacklisted:
            return self.env._("the number asked not to receive texts (STOP).")
        return False

    def _clinic_text_link(self, body):
        """Queue ``body`` by SMS to this request's recipient; the SMS queue sends it
        (through the company's provider, after quiet hours where the SMS addon keeps them)."""
        self.ensure_one()
        return self.with_context(clinic_sms_quiet_hours=True)._message_sms(
            body, partner_ids=self.recipient_id.ids, put_in_queue=True
        )

    def _clinic_log_on_origin(self, body):
        # From the portal, the family member did it (see _message_compute_author).
        author = self.recipient_id[:1] if self.env.user._is_public() else None
        for lead in self.lead_id:
            lead._message_log(body=body, author_id=author.id if author else None)
        for patient in self.patient_id:
            patient._message_log(body=body, author_id=author.id if author else None)

    def _message_compute_author(self, author_id=None, email_from=None):
        """The family's steps on the portal are credited to the family member the forms
        were sent to, not to "Public user"."""
        if (
            author_id is None
            and not email_from
            and len(self) == 1
            and self.recipient_id
            and self.env.user._is_public()
        ):
            author_id = self.recipient_id.id
        return super()._message_compute_author(author_id=author_id, email_from=email_from)

    def action_cancel(self):
        self.filtered(lambda r: r.state in OPEN_STATES).write({"state": "cancel"})
        return True

    def action_open_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.user_input",
            "res_id": self.user_input_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Completion: the survey's answers become patient records
    # ------------------------------------------------------------------

    def _clinic_on_survey_done(self):
        """Called (as superuser) when the survey answer is submitted on the portal.

        A consent the signer agreed to and must sign stays open: its last step is
        the drawn signature (``_clinic_sign``), which completes it."""
        for request in self:
            if request.state not in OPEN_STATES:
                continue
            if request._clinic_awaiting_signature():
                request._message_log(
                    body=self.env._("Answers submitted; waiting for the signature.")
                )
                continue
            request._clinic_complete()

    def _clinic_awaiting_signature(self):
        """The family answered this consent and agreed: only the signature is left."""
        self.ensure_one()
        request = self.sudo()
        return bool(
            request.state in OPEN_STATES
            and request.survey_id.clinic_is_consent
            and request.survey_id.clinic_signature_required
            and request.user_input_id.state == "done"
            and request._clinic_mapped_answers().get("consent_agree")
        )

    def _clinic_sign(self, name, signature):
        """The signature step at the end of a consent: the signer's name and drawn
        signature complete the request and make the consent valid (call on sudo, after
        the token check)."""
        self.ensure_one()
        if not self._clinic_awaiting_signature():
            raise UserError(self.env._("There is nothing left to sign on this form."))
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Type your full name with your signature."))
        if not signature:
            raise UserError(self.env._("Draw your signature before sending it."))
        try:
            base64_to_image(signature)
        except (UserError, ValueError, TypeError, binascii.Error) as err:
            raise UserError(
                self.env._("The signature could not be read; please try again.")
            ) from err
        self._clinic_complete(signature={"name": name[:128], "image": signature})
        return self.consent_ids.filtered(lambda c: c.state == "valid")[:1]

    def _clinic_complete(self, signature=None):
        """The form is in: keep its records (history, insurance, consent) and its PDF."""
        self.ensure_one()
        request = self
        answers = request._clinic_mapped_answers()
        request._clinic_record_birthdate(answers.get("patient_birthdate"))
        request.write(
            {
                "state": "done",
                "date_done": fields.Datetime.now(),
                "date_expiry": request._clinic_expiry_date(),
            }
        )
        # The overdue follow-up is moot once the form is in.
        request.activity_unlink(["mail.mail_activity_data_todo"])
        category = request.survey_id.clinic_intake_category
        if category == "medical_history" or any(
            answers.get(k) for k in ("conditions", "medications", "allergies", "premedication")
        ):
            request._clinic_record_medical_history(answers)
        if answers.get("insurance_carrier") or answers.get("secondary_insurance_carrier"):
            request._clinic_record_insurance(answers)
        consent = request.survey_id.clinic_is_consent and request._clinic_record_consent(
            answers, signature
        )
        # After the consent: its PDF carries the drawn signature and the document hash.
        request._clinic_render_pdf()
        if consent and request.pdf_attachment_id:
            consent.sudo().pdf_attachment_id = request.pdf_attachment_id
        request._clinic_log_on_origin(
            self.env._("Intake form completed: %(form)s", form=request.survey_id.title)
        )

    def _clinic_record_birthdate(self, birthdate):
        """A birth date the clinic did not have is kept on the patient (minor status and
        signing follow it); a different one is left for staff to check."""
        self.ensure_one()
        if not birthdate:
            return
        patient = self.sudo().patient_id
        if not patient.clinic_birthdate:
            patient.clinic_birthdate = birthdate
        elif patient.clinic_birthdate != birthdate:
            self.review_note = self.env._(
                "The family gave %(given)s as the date of birth; the patient record has "
                "%(recorded)s.",
                given=format_date(self.env, birthdate),
                recorded=format_date(self.env, patient.clinic_birthdate),
            )

    def _clinic_expiry_date(self):
        months = self.survey_id.clinic_validity_months
        if not months:
            return False
        return fields.Date.context_today(self) + relativedelta(months=months)

    def _clinic_mapped_answers(self):
        """Answers keyed by the question's patient field; yes/no questions as booleans."""
        self.ensure_one()
        values = {}
        for line in self.sudo().user_input_id.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.question_id.clinic_intake_field
        ):
            key = line.question_id.clinic_intake_field
            if line.answer_type == "suggestion":
                text = line.suggested_answer_id.value
                if key in ("premedication", "consent_agree", "marketing_use", "patient_is_minor"):
                    values[key] = answer_means_yes(text)
                    continue
                if key == "signer_relation":
                    values[key] = text
                    continue
                if answer_means_yes(text) or text.lower().startswith("none"):
                    continue
                values.setdefault(key, [])
                if isinstance(values[key], list):
                    values[key].append(text)
            else:
                value = line[f"value_{line.answer_type}"]
                if key in values and isinstance(values[key], list):
                    values[key].append(str(value))
                else:
                    values[key] = value
        return {
            key: ", ".join(value) if isinstance(value, list) else value
            for key, value in values.items()
        }

    def _clinic_record_medical_history(self, answers):
        self.ensure_one()
        self.env["clinic.medical.history"].sudo().create(
            {
                "patient_id": self.patient_id.id,
                "request_id": self.id,
                "conditions": answers.get("conditions") or False,
                "medications": answers.get("medications") or False,
                "allergies": answers.get("allergies") or False,
                "premedication_required": bool(answers.get("premedication")),
                "date_recorded": fields.Datetime.now(),
            }
        )

    def _clinic_record_insurance(self, answers):
        self.ensure_one()
        vals_list = []
        for prefix, priority in (("", "primary"), ("secondary_", "secondary")):
            carrier = answers.get(f"{prefix}insurance_carrier")
            if not carrier:
                continue
            vals_list.append(
                {
                    "patient_id": self.patient_id.id,
                    "request_id": self.id,
                    "priority": priority,
                    "carrier": carrier,
                    "plan_name": answers.get(f"{prefix}insurance_plan") or False,
                    "member_ref": answers.get(f"{prefix}insurance_member_ref") or False,
                    "group_number": answers.get(f"{prefix}insurance_group_number") or False,
                    "subscriber_name": answers.get(f"{prefix}insurance_subscriber_name") or False,
                    "subscriber_relation": answers.get(f"{prefix}insurance_subscriber_relation")
                    or False,
                }
            )
        Policy = self.env["clinic.insurance.policy"].sudo()
        # A new answer replaces the patient's active policy of the same rank.
        Policy.search(
            [
                ("patient_id", "=", self.patient_id.id),
                ("priority", "in", [vals["priority"] for vals in vals_list]),
                ("active", "=", True),
            ]
        ).action_archive()
        Policy.create(vals_list)

    def _clinic_record_consent(self, answers, signature=None):
        """Record the signed consent, or explain on the request why it was refused.

        :param signature: {"name": typed name, "image": base64 drawing} from the
            signature step
        :return: the consent, or an empty recordset
        """
        self.ensure_one()
        Consent = self.env["clinic.consent"].sudo()
        if not answers.get("consent_agree"):
            self.review_note = self.env._("The form was submitted without agreeing to it.")
            return Consent
        relation = Consent._clinic_relation_from_label(answers.get("signer_relation"))
        http_request = request_from_http()
        signature = signature or {}
        signed_at = fields.Datetime.now()
        vals = {
            "request_id": self.id,
            "patient_id": self.patient_id.id,
            "survey_id": self.survey_id.id,
            "consent_type": self.survey_id.clinic_intake_category,
            "text_version": self.survey_id.clinic_consent_version,
            "signer_id": self.recipient_id.id,
            "signer_relation": relation
            or ("self" if self.recipient_id == self.patient_id else "parent"),
            "signature_name": signature.get("name")
            or answers.get("signature_name")
            or self.recipient_id.name,
            "signature": signature.get("image") or False,
            "signed_at": signed_at,
            "signer_ip": http_request and http_request.httprequest.remote_addr,
            "signer_user_agent": http_request and str(http_request.httprequest.user_agent)[:512],
            "marketing_use": bool(answers.get("marketing_use")),
        }
        lines = self.sudo().user_input_id.user_input_line_ids.filtered(lambda l: not l.skipped)
        vals["document_hash"] = Consent._clinic_document_hash(
            [
                html2plaintext(self.survey_id.clinic_consent_text or ""),
                *(f"{line.question_id.title}: {line.display_name}" for line in lines),
                vals["signature_name"],
                vals["signer_relation"],
                fields.Datetime.to_string(signed_at),
                hashlib.sha256(str(vals["signature"] or "").encode()).hexdigest(),
            ]
        )
        try:
            with self.env.cr.savepoint():
                return Consent.create(vals)
        except ValidationError as err:
            self.review_note = err.args[0]
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Consent refused: review the signature"),
                note=err.args[0],
                user_id=self.user_id.id or self.env.uid,
            )
        return Consent

    def _clinic_render_pdf(self):
        """Keep the completed form as a PDF on the patient (and record its hash)."""
        self.ensure_one()
        report = self.env.ref("crm_intake_forms.action_report_intake_request")
        try:
            content, _kind = (
                self.env["ir.actions.report"].sudo()._render_qweb_pdf(report, res_ids=self.ids)
            )
        except UserError:
            _logger.warning("Intake request %s: PDF could not be rendered", self.id)
            return
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.pdf",
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": "res.partner",
                    "res_id": self.patient_id.id,
                    "description": hashlib.sha256(content).hexdigest(),
                }
            )
        )
        self.sudo().pdf_attachment_id = attachment

    def action_render_pdf(self):
        for request in self.filtered(lambda r: r.state == "done" and r.has_answers):
            request._clinic_render_pdf()
        return True

    # ------------------------------------------------------------------
    # Scheduled work: reminders, overdue, expiry and renewal
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self, batch_size=200):
        """Remind 3 and 1 day(s) before the due date; once overdue, tell the coordinator.

        Batches commit their progress: the reminders match exact due dates, so a
        request left for the next run would miss its reminder, and a run killed
        mid-way resumes with what is not marked yet (a reminder and its mark are
        committed together: never twice, never lost).
        """
        today = fields.Date.context_today(self)
        due_dates = [today + timedelta(days=days) for days in REMINDER_DAYS]
        template = self.env.ref("crm_intake_forms.mail_template_intake_reminder")
        remind_domain = [
            ("state", "in", ("sent", "in_progress")),
            ("date_due", "in", due_dates),
            "|",
            ("date_last_reminder", "=", False),
            ("date_last_reminder", "<", today),
        ]
        overdue_domain = [("is_overdue", "=", True), ("overdue_notified", "=", False)]
        cron = self.env["ir.cron"]
        done = 0
        while True:
            to_remind = self.search(remind_domain, limit=batch_size, order="id")
            overdue = self.browse()
            if len(to_remind) < batch_size:
                overdue = self.search(overdue_domain, limit=batch_size - len(to_remind))
            if not (to_remind or overdue):
                break
            for recipient in to_remind.recipient_id:
                packet = to_remind.filtered(lambda r, rec=recipient: r.recipient_id == rec)
                if recipient.email:
                    template.send_mail(
                        packet[0].id, email_layout_xmlid="mail.mail_notification_light"
                    )
                elif packet[0].link_by_sms and not self._clinic_sms_refusal(recipient):
                    packet[0]._clinic_text_link(
                        self.env._(
                            "%(company)s: a reminder to complete the forms for %(patient)s "
                            "by %(due)s: %(url)s",
                            company=packet[0].company_id.name,
                            patient=packet[0].patient_id.name,
                            due=packet[0].date_due,
                            url=packet[0]._clinic_packet_url(),
                        )
                    )
                for request in packet:
                    request.write(
                        {"date_last_reminder": today, "reminder_count": request.reminder_count + 1}
                    )
            for request in overdue:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Intake form overdue"),
                    note=self.env._(
                        "%(recipient)s has not completed “%(form)s” (due %(due)s).",
                        recipient=request.recipient_id.name,
                        form=request.survey_id.title,
                        due=request.date_due,
                    ),
                    user_id=(request.user_id or request.lead_id.user_id).id or self.env.uid,
                )
            overdue.overdue_notified = True
            batch = len(to_remind) + len(overdue)
            done += batch
            remaining = self.search_count(remind_domain) + self.search_count(overdue_domain)
            if cron._commit_progress(batch, remaining=remaining) <= 0 or not remaining:
                break
        return done

    @api.model
    def _cron_expire_and_renew(self, batch_size=200):
        """A completed form past its validity needs renewal: mark it and send a new one."""
        today = fields.Date.context_today(self)
        expired = self.search(
            [("state", "=", "done"), ("date_expiry", "!=", False), ("date_expiry", "<=", today)],
            limit=batch_size,
        )
        if not expired:
            return 0
        expired.write({"state": "expired"})
        renewals = self.create(
            [
                {
                    "survey_id": request.survey_id.id,
                    "patient_id": request.patient_id.id,
                    "recipient_id": request.recipient_id.id,
                    "lead_id": request.lead_id.id,
                    "user_id": request.user_id.id,
                    "company_id": request.company_id.id,
                    "date_due": today + timedelta(days=14),
                    "renewal_of_id": request.id,
                }
                for request in expired
                if request.survey_id.active
            ]
        )
        for request in expired:
            request.message_post(
                body=Markup("%s")
                % self.env._(
                    "Validity ended on %(date)s: a renewal request was sent.",
                    date=request.date_expiry,
                ),
                subtype_xmlid="mail.mt_note",
            )
        by_mail = renewals.filtered(lambda r: r.recipient_id.email)
        by_mail.action_send()
        # A family reached by SMS only gets its renewal by SMS, under the same rules.
        (renewals - by_mail).filtered(
            lambda r: r.renewal_of_id.link_by_sms and not self._clinic_sms_refusal(r.recipient_id)
        )._clinic_send(send_sms=True)
        return len(expired)
