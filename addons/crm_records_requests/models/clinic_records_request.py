# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import consteq, format_date

RECORDS_AUTHORIZE = "crm_records_requests.group_clinic_records_authorize"
RECORDS_PREPARE = "crm_records_requests.group_clinic_records_prepare"

STATES = [
    # outgoing (to a previous provider)
    ("draft", "Draft"),
    ("requested", "Requested"),
    # incoming
    ("received", "Received"),
    ("verifying", "Verifying"),
    ("authorized", "Authorized"),
    ("preparing", "Preparing"),
    ("sent", "Sent"),
    # both
    ("completed", "Completed"),
    ("denied", "Denied"),
    ("withdrawn", "Withdrawn"),
]
OPEN_INCOMING = ("received", "verifying", "authorized", "preparing")
DONE_STATES = ("sent", "completed")

# target state: (allowed from-states, permission group or None, direction)
TRANSITIONS = {
    "requested": ({"draft"}, None, "outgoing"),
    "verifying": ({"received"}, None, "incoming"),
    "authorized": ({"verifying"}, RECORDS_AUTHORIZE, "incoming"),
    "preparing": ({"authorized"}, RECORDS_PREPARE, "incoming"),
    "sent": ({"preparing"}, RECORDS_PREPARE, "incoming"),
    "completed": ({"sent", "requested"}, None, None),
    "denied": (set(OPEN_INCOMING), RECORDS_AUTHORIZE, "incoming"),
    "withdrawn": (set(OPEN_INCOMING) | {"draft", "requested"}, None, None),
}

REQUESTER_TYPES = [
    ("patient", "Patient"),
    ("guardian", "Parent / guardian"),
    ("representative", "Personal representative"),
    ("provider", "Other provider"),
    ("payer", "Insurer / payer"),
    ("attorney", "Attorney"),
    ("other", "Other third party"),
]
# The patient's own right of access (HIPAA 164.524), directly or through a representative.
ACCESS_REQUESTERS = ("patient", "guardian", "representative")

AUTHORIZATION_ELEMENTS = [
    ("auth_has_description", "a description of the information to be disclosed"),
    ("auth_has_recipient", "the recipient"),
    ("auth_has_purpose", "the purpose"),
    ("auth_has_expiry", "an expiry date or event"),
    ("auth_has_signature", "the signature and date"),
    ("auth_has_revocation", "a statement of the right to revoke"),
]


class ClinicRecordsRequest(models.Model):
    """A request for a patient's medical records, in either direction.

    Incoming: someone asks the clinic for a patient's records; the law sets the
    deadline (the stricter of HIPAA and the clinic's state) and the maximum fee.
    Outgoing: the clinic asks a previous provider for records and follows up
    until they arrive.
    """

    _name = "clinic.records.request"
    _description = "Medical Records Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    direction = fields.Selection(
        [("incoming", "Incoming (release)"), ("outgoing", "Outgoing (to a previous provider)")],
        required=True,
        default="incoming",
        tracking=True,
    )
    state = fields.Selection(
        STATES,
        required=True,
        copy=False,
        tracking=True,
        index=True,
        compute="_compute_state",
        store=True,
        readonly=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    patient_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('clinic_is_patient', '=', True)]",
    )
    patient_is_minor = fields.Boolean(related="patient_id.clinic_is_minor", string="Minor")
    lead_id = fields.Many2one("crm.lead", index="btree_not_null", tracking=True)
    # What is asked for
    record_type_ids = fields.Many2many("clinic.records.type", string="Records Requested")
    date_records_from = fields.Date(string="Records From")
    date_records_to = fields.Date(string="Records To")
    record_format = fields.Selection(
        [
            ("paper", "Paper copy"),
            ("electronic", "Electronic copy"),
            ("portal", "Portal download"),
            ("third_party", "Directly to a third party"),
        ],
        string="Format",
        default="electronic",
        required=True,
        tracking=True,
    )
    purpose = fields.Char()
    purpose_category = fields.Selection(
        [
            ("personal", "Personal use"),
            ("continuity_of_care", "Continuity of care"),
            ("insurance", "Insurance / payment"),
            ("legal", "Legal"),
            ("other", "Other"),
        ],
        default="personal",
    )
    # Incoming: who asks, how and when
    requester_type = fields.Selection(
        REQUESTER_TYPES, default="patient", required=True, tracking=True
    )
    requester_id = fields.Many2one("res.partner", tracking=True)
    requester_relation = fields.Char(string="Relation to Patient")
    date_received = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    channel = fields.Selection(
        [
            ("in_person", "In person"),
            ("mail", "Mail"),
            ("fax", "Fax"),
            ("email", "E-mail"),
            ("portal", "Portal"),
            ("phone", "Phone (followed by a written request)"),
        ],
        default="in_person",
    )
    # Identity
    identity_verified = fields.Boolean(tracking=True, copy=False)
    identity_method = fields.Selection(
        [
            ("photo_id", "Photo ID checked"),
            ("known", "Known to staff"),
            ("portal_login", "Verified portal login"),
            ("notarized", "Notarized request"),
            ("callback", "Call-back to number on file"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    identity_verified_by_id = fields.Many2one("res.users", string="Verified By", copy=False)
    identity_verified_date = fields.Date(string="Verified On", copy=False)
    # Third-party HIPAA authorization (45 CFR 164.508(c) core elements)
    authorization_required = fields.Boolean(
        compute="_compute_authorization_required",
        store=True,
        help="A third party needs a signed HIPAA authorization from the patient.",
    )
    auth_has_description = fields.Boolean(string="Describes the information")
    auth_has_recipient = fields.Boolean(string="Names the recipient")
    auth_has_purpose = fields.Boolean(string="States the purpose")
    auth_has_expiry = fields.Boolean(string="Has an expiry date or event")
    auth_has_signature = fields.Boolean(string="Signed and dated")
    auth_has_revocation = fields.Boolean(string="States the right to revoke")
    auth_expiry_date = fields.Date(string="Authorization Expires", tracking=True)
    auth_signed_date = fields.Date(string="Authorization Signed On")
    auth_missing_elements = fields.Char(compute="_compute_auth_missing_elements")
    # Personal representative of a minor (or other patient)
    representative_authority = fields.Selection(
        [
            ("parent", "Parent of a minor"),
            ("legal_guardian", "Court-appointed guardian"),
            ("poa", "Health-care power of attorney"),
            ("executor", "Executor / administrator"),
        ],
        tracking=True,
    )
    representative_verified = fields.Boolean(
        string="Authority Checked", tracking=True, help="The document proving authority was seen."
    )
    # Deadlines
    jurisdiction_id = fields.Many2one(
        "clinic.records.jurisdiction",
        string="State Rule",
        compute="_compute_jurisdiction_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('is_federal', '=', False)]",
        tracking=True,
    )
    date_due_hipaa = fields.Date(string="HIPAA Due", compute="_compute_date_due", store=True)
    date_due_state = fields.Date(string="State Due", compute="_compute_date_due", store=True)
    date_due = fields.Date(
        string="Due", compute="_compute_date_due", store=True, tracking=True, index=True
    )
    date_send_by = fields.Date(
        string="Send By",
        compute="_compute_date_due",
        store=True,
        help="The last business day on or before the due date: when the due date falls on "
        "a weekend or a clinic holiday, the records go out before the clinic closes. The due "
        "date itself does not move.",
    )
    due_date_warning = fields.Char(compute="_compute_date_due", store=True)
    deadline_explanation = fields.Text(compute="_compute_date_due", store=True)
    days_left = fields.Integer(compute="_compute_days_left")
    is_overdue = fields.Boolean(compute="_compute_days_left", search="_search_is_overdue")
    deadline_flag = fields.Selection(
        [("on_track", "On track"), ("due_soon", "Due soon"), ("overdue", "Overdue")],
        default="on_track",
        copy=False,
        tracking=True,
        help="Set by the daily deadline check.",
    )
    is_extended = fields.Boolean(string="Extended", readonly=True, copy=False, tracking=True)
    extension_notice_date = fields.Date(copy=False, tracking=True)
    extension_reason = fields.Text(copy=False)
    # Fees
    currency_id = fields.Many2one(related="company_id.currency_id")
    page_count = fields.Integer(
        string="Pages",
        compute="_compute_page_count",
        store=True,
        readonly=False,
        help="Pages prepared; filled from the prepared documents, editable for paper records.",
    )
    labor_hours = fields.Float(string="Copying Labour (hours)")
    labor_rate = fields.Monetary(string="Labour Rate per Hour")
    postage_amount = fields.Monetary(string="Postage")
    fee_estimate = fields.Monetary(
        string="Maximum Fee", compute="_compute_fee_estimate", store=True
    )
    fee_explanation = fields.Text(compute="_compute_fee_estimate", store=True)
    fee_amount = fields.Monetary(string="Fee Charged", tracking=True, copy=False)
    fee_state = fields.Selection(
        [("none", "No fee"), ("due", "Due"), ("waived", "Waived"), ("paid", "Paid")],
        default="none",
        required=True,
        copy=False,
        tracking=True,
    )
    fee_paid_date = fields.Date(copy=False)
    # Delivery
    document_ids = fields.One2many(
        "clinic.records.document",
        "request_id",
        string="Documents",
        copy=False,
        groups=f"{RECORDS_PREPARE},{RECORDS_AUTHORIZE}",
    )
    document_count = fields.Integer(compute="_compute_document_count", compute_sudo=True)
    require_prepayment = fields.Boolean(related="company_id.clinic_records_require_prepayment")
    delivery_method = fields.Selection(
        [
            ("portal", "Portal download link"),
            ("email_link", "Secure e-mail link"),
            ("mail", "Mail"),
            ("courier", "Courier"),
            ("fax", "Fax"),
            ("in_person", "Picked up in person"),
        ],
        default="portal",
        tracking=True,
    )
    delivery_tracking_ref = fields.Char(string="Tracking / Fax Number", tracking=True, copy=False)
    release_partner_id = fields.Many2one(
        "res.partner", string="Released To", readonly=True, copy=False, tracking=True
    )
    release_expiry = fields.Datetime(string="Link Expires", readonly=True, copy=False)
    download_count = fields.Integer(readonly=True, copy=False)
    # {document id: downloads through the current link}; a new link starts again at 0.
    release_downloads = fields.Json(readonly=True, copy=False)
    # PHI link secret: only people who prepare or authorize releases may see it.
    access_token = fields.Char(copy=False, groups=f"{RECORDS_PREPARE},{RECORDS_AUTHORIZE}")
    # Outcome
    date_sent = fields.Date(copy=False, tracking=True)
    date_completed = fields.Date(copy=False, tracking=True)
    days_to_fulfil = fields.Integer(
        compute="_compute_fulfilment", store=True, aggregator="avg", string="Days to Fulfil"
    )
    is_on_time = fields.Boolean(compute="_compute_fulfilment", store=True, string="On Time")
    on_time_rate = fields.Float(
        compute="_compute_fulfilment",
        store=True,
        aggregator="avg",
        string="On-time Rate (%)",
        help="100 for a request released by its due date, 0 when late; averaged in reports.",
    )
    denial_reason = fields.Selection(
        [
            ("psychotherapy_notes", "Psychotherapy notes"),
            ("legal_proceedings", "Compiled for legal proceedings"),
            ("endangerment", "Reasonably likely to endanger life or safety"),
            ("third_party", "Refers to another person; disclosure may harm them"),
            ("no_authority", "Requester has no authority"),
            ("not_held", "The clinic does not hold these records"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    denial_note = fields.Text(string="Written Denial", copy=False)
    decided_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        tracking=True,
        help="Who authorized or denied the release; the denial letter is signed by them.",
    )
    denial_review_rights = fields.Boolean(
        string="Review Rights Stated",
        copy=False,
        help="The denial tells the requester how to ask for a review and how to complain "
        "(45 CFR 164.524(d)(2)).",
    )
    # Outgoing
    provider_id = fields.Many2one(
        "res.partner", string="Previous Provider", tracking=True, index="btree_not_null"
    )
    date_requested = fields.Date(copy=False, tracking=True)
    date_next_followup = fields.Date(string="Next Follow-up", copy=False)
    followup_count = fields.Integer(string="Follow-ups", copy=False, readonly=True)

    _date_range_ordered = models.Constraint(
        "CHECK(date_records_from IS NULL OR date_records_to IS NULL "
        "OR date_records_from <= date_records_to)",
        "The records period ends before it starts.",
    )
    _fee_not_negative = models.Constraint(
        "CHECK(fee_amount >= 0 AND labor_hours >= 0 AND postage_amount >= 0)",
        "Fees, labour and postage cannot be negative.",
    )
    _state_due_idx = models.Index("(state, date_due)")

    # ------------------------------------------------------------------ computes
    @api.depends("direction")
    def _compute_state(self):
        for request in self:
            if not request.state or request.state in ("draft", "received"):
                request.state = "draft" if request.direction == "outgoing" else "received"

    @api.depends("requester_type", "direction")
    def _compute_authorization_required(self):
        for request in self:
            request.authorization_required = (
                request.direction == "incoming" and request.requester_type not in ACCESS_REQUESTERS
            )

    @api.depends(*(name for name, _label in AUTHORIZATION_ELEMENTS))
    def _compute_auth_missing_elements(self):
        for request in self:
            request.auth_missing_elements = ", ".join(
                request.env._(label) for name, label in AUTHORIZATION_ELEMENTS if not request[name]
            )

    @api.depends("company_id")
    def _compute_jurisdiction_id(self):
        for request in self:
            if not request.jurisdiction_id and request.company_id:
                request.jurisdiction_id = request.company_id._clinic_records_jurisdiction()

    @api.depends(
        "direction",
        "date_received",
        "jurisdiction_id.deadline_days",
        "jurisdiction_id.day_type",
        "jurisdiction_id.extension_days",
        "is_extended",
        "company_id",
    )
    def _compute_date_due(self):
        federal = self.env["clinic.records.jurisdiction"]._get_federal_rule()
        for request in self:
            if request.direction != "incoming" or not request.date_received:
                request.date_due_hipaa = request.date_due_state = request.date_due = False
                request.date_send_by = request.due_date_warning = False
                request.deadline_explanation = False
                continue
            received, company = request.date_received, request.company_id
            lines = []
            hipaa_due = state_due = False
            if federal:
                hipaa_due = federal._add_days(received, request._deadline_days(federal), company)
                lines.append(request._deadline_line(federal, hipaa_due, "HIPAA"))
            # HIPAA is always counted; chosen as the state rule too, it is listed once.
            rule = request.jurisdiction_id if request.jurisdiction_id != federal else False
            if rule:
                state_due = rule._add_days(received, request._deadline_days(rule), company)
                lines.append(request._deadline_line(rule, state_due, rule.code))
            candidates = [due for due in (hipaa_due, state_due) if due]
            due = min(candidates) if candidates else False
            request.date_due_hipaa = hipaa_due
            request.date_due_state = state_due
            request.date_due = due
            if len(candidates) > 1:
                lines.append(request.env._("Due date is the stricter (earlier) of these."))
            send_by = company._clinic_records_send_by(due) if due else False
            request.date_send_by = send_by
            request.due_date_warning = False
            if due and send_by != due:
                request.due_date_warning = request.env._(
                    "The due date, %(due)s, falls on a weekend or a clinic holiday: send the "
                    "records by %(send_by)s.",
                    due=format_date(request.env, due, date_format="EEEE d MMMM y"),
                    send_by=format_date(request.env, send_by, date_format="EEEE d MMMM y"),
                )
                lines.append(request.due_date_warning)
            request.deadline_explanation = "\n".join(lines)

    def _deadline_days(self, rule):
        """Days ``rule`` gives this request, its extension included once it was taken."""
        return rule.deadline_days + (rule.extension_days if self.is_extended else 0)

    def _deadline_line(self, rule, due, label):
        """One line of the deadline explanation: the rule, its days and the date it gives."""
        return self.env._(
            "%(label)s (%(citation)s): %(days)s %(type)s days → %(due)s",
            label=label,
            citation=rule.citation,
            days=self._deadline_days(rule),
            type=rule.day_type,
            due=format_date(self.env, due),
        )

    @api.depends_context("uid")
    @api.depends("date_due", "state")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for request in self:
            if request.date_due and request.state in OPEN_INCOMING:
                request.days_left = (request.date_due - today).days
                request.is_overdue = request.days_left < 0
            else:
                request.days_left = 0
                request.is_overdue = False

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue requests."))
        overdue = Domain("state", "in", OPEN_INCOMING) & Domain(
            "date_due", "<", fields.Date.context_today(self)
        )
        return overdue if (operator == "=") == value else ~overdue

    @api.depends("document_ids.page_count")
    def _compute_page_count(self):
        for request in self:
            if request.document_ids:
                request.page_count = sum(request.document_ids.mapped("page_count"))
            else:
                request.page_count = request.page_count or 0

    @api.depends(
        "jurisdiction_id",
        "requester_type",
        "record_format",
        "purpose_category",
        "page_count",
        "labor_hours",
        "labor_rate",
        "postage_amount",
        "company_id.clinic_records_hipaa_flat_fee",
        "direction",
    )
    def _compute_fee_estimate(self):
        federal = self.env["clinic.records.jurisdiction"]._get_federal_rule()
        for request in self:
            if request.direction != "incoming":
                request.fee_estimate = 0.0
                request.fee_explanation = False
                continue
            lines = request._fee_lines(federal)
            request.fee_estimate = sum(amount for _label, amount in lines)
            currency = request.currency_id
            request.fee_explanation = "\n".join(
                f"{label}: {currency.symbol or ''}{amount:.2f}" for label, amount in lines
            )

    def _fee_lines(self, federal):
        """The most the law lets the clinic charge, line by line (label, amount).

        Patients asking for their own records (HIPAA right of access) may be
        charged only a cost-based fee; the clinic may instead opt for HIPAA's
        flat fee for electronic copies. The state rule's schedule gives the other
        maximums; labour and postage are added where the rule allows them.
        """
        self.ensure_one()
        rule = self.jurisdiction_id or federal
        if not rule:
            return []
        access = self.requester_type in ACCESS_REQUESTERS
        electronic = self.record_format in ("electronic", "portal")
        if rule.fee_free_continuity_of_care and self.purpose_category == "continuity_of_care":
            return [(self.env._("No fee: continuity of care (%s)", rule.citation), 0.0)]
        if (
            access
            and electronic
            and self.company_id.clinic_records_hipaa_flat_fee
            and federal.fee_electronic_flat
        ):
            return [
                (
                    self.env._("HIPAA flat fee for an electronic copy (%s)", federal.citation),
                    federal.fee_electronic_flat,
                )
            ]
        lines = []
        if rule.fee_schedule == "schedule":
            if electronic and rule.fee_electronic_flat:
                # The flat fee for an electronic copy replaces the base and page fees.
                lines.append(
                    (
                        self.env._("Flat fee for an electronic copy (%s)", rule.citation),
                        rule.fee_electronic_flat,
                    )
                )
            else:
                if rule.fee_base and not (access and rule.fee_base_not_for_patient):
                    lines.append((self.env._("Base fee (%s)", rule.citation), rule.fee_base))
                if self.page_count:
                    lines.extend(self._fee_page_lines(rule))
        if access and rule.fee_schedule == "schedule" and lines:
            # The state maximum is not a licence: HIPAA caps a patient's own copy at cost.
            lines.append(
                (
                    self.env._(
                        "HIPAA (%s): for the patient's own records charge no more than the "
                        "actual cost of copying, supplies and postage",
                        federal.citation or "45 CFR 164.524(c)(4)",
                    ),
                    0.0,
                )
            )
        if rule.fee_allows_labor and self.labor_hours and self.labor_rate:
            lines.append(
                (
                    self.env._(
                        "Copying labour: %(hours)s h × %(rate).2f",
                        hours=self.labor_hours,
                        rate=self.labor_rate,
                    ),
                    self.labor_hours * self.labor_rate,
                )
            )
        if rule.fee_allows_postage and self.postage_amount and not electronic:
            lines.append((self.env._("Postage"), self.postage_amount))
        if not lines:
            # A statement at $0 still says why: nothing the rule lets the clinic charge.
            return [
                (
                    self.env._(
                        "No fee: nothing chargeable under %(rule)s (no pages, copying labour "
                        "or postage to charge for)",
                        rule=rule.citation,
                    ),
                    0.0,
                )
            ]
        total = sum(amount for _label, amount in lines)
        if rule.fee_minimum and lines and total < rule.fee_minimum:
            lines.append(
                (self.env._("Raised to the minimum fee allowed"), rule.fee_minimum - total)
            )
        elif rule.fee_maximum and total > rule.fee_maximum:
            lines.append(
                (self.env._("Capped at the maximum fee allowed"), rule.fee_maximum - total)
            )
        return lines

    def _fee_page_lines(self, rule):
        """Per-page lines for the tiers of a rule (first tier, second tier, the rest)."""
        remaining, lines = self.page_count, []
        for pages, rate in (
            (rule.fee_tier1_pages, rule.fee_tier1_rate),
            (rule.fee_tier2_pages, rule.fee_tier2_rate),
        ):
            if not pages or remaining <= 0:
                continue
            counted = min(remaining, pages)
            if rate:
                lines.append(
                    (self.env._("%(n)s pages × %(rate).2f", n=counted, rate=rate), counted * rate)
                )
            remaining -= counted
        if remaining > 0 and rule.fee_page_rate:
            lines.append(
                (
                    self.env._("%(n)s pages × %(rate).2f", n=remaining, rate=rule.fee_page_rate),
                    remaining * rule.fee_page_rate,
                )
            )
        return lines

    @api.depends("document_ids")
    def _compute_document_count(self):
        for request in self:
            request.document_count = len(request.document_ids)

    @api.depends("date_sent", "date_completed", "date_due", "date_received", "direction")
    def _compute_fulfilment(self):
        for request in self:
            done = request.date_sent if request.direction == "incoming" else request.date_completed
            if done and request.date_received:
                request.days_to_fulfil = (done - request.date_received).days
                request.is_on_time = not request.date_due or done <= request.date_due
                request.on_time_rate = 100.0 if request.is_on_time else 0.0
            else:
                request.days_to_fulfil = 0
                request.is_on_time = False
                request.on_time_rate = 0.0

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/records/release/{request.id}"

    @api.constrains(
        "fee_amount",
        "page_count",
        "labor_hours",
        "labor_rate",
        "postage_amount",
        "record_format",
        "requester_type",
        "purpose_category",
        "jurisdiction_id",
    )
    def _check_fee_amount(self):
        for request in self:
            if request.fee_amount > request.fee_estimate + 0.005:
                raise ValidationError(
                    self.env._(
                        "%(ref)s: the fee charged (%(fee).2f) is above the most the law allows "
                        "for this request (%(max).2f):\n%(why)s",
                        ref=request.name,
                        fee=request.fee_amount,
                        max=request.fee_estimate,
                        why=request.fee_explanation or self.env._("no fee rule applies"),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("state", None)  # a request starts at the start of its workflow
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("clinic.records.request") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.context.get("clinic_records_transition"):
            raise UserError(
                self.env._("Change a records request's status with its buttons, not by editing it.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------ workflow
    def _check_transition(self, target):
        """Refuse a move to ``target`` from the wrong state or without the permission."""
        allowed_from, group, direction = TRANSITIONS[target]
        label = dict(STATES)[target]
        if group and not self.env.su and not self.env.user.has_group(group):
            raise UserError(
                self.env._(
                    "You are not allowed to move a records request to “%(state)s”: "
                    "it needs the %(perm)s permission.",
                    state=label,
                    perm=self.env.ref(group).name,
                )
            )
        for request in self:
            if request.state not in allowed_from or (direction and request.direction != direction):
                raise UserError(
                    self.env._(
                        "%(ref)s is %(current)s; it cannot go to %(state)s from there.",
                        ref=request.name,
                        current=dict(STATES)[request.state],
                        state=label,
                    )
                )

    def _transition(self, target, extra_vals=None):
        """Move to ``target`` after the checks of :meth:`_check_transition`."""
        self._check_transition(target)
        vals = dict(extra_vals or {}, state=target)
        return self.with_context(clinic_records_transition=True).write(vals)

    def action_start_verification(self):
        self._transition("verifying")
        return True

    def action_authorize(self):
        """Approve the release: identity, representative authority and the
        third party's HIPAA authorization must all be in order."""
        self._check_transition("authorized")
        for request in self:
            request._check_release_allowed()
        self._transition("authorized", {"decided_by_id": self.env.user.id})
        return True

    def action_start_preparing(self):
        self._transition("preparing")
        return True

    def action_send(self):
        """Release the prepared records to the requester by the chosen method."""
        self._check_transition("sent")
        for request in self:
            request._check_release_allowed()
            request._check_delivery_ready()
        self._transition("sent", {"date_sent": fields.Date.context_today(self)})
        for request in self:
            request._deliver()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_send_unpaid(self):
        """Send although the fee is unpaid, once the user confirmed it."""
        return self.with_context(clinic_records_send_unpaid=True).action_send()

    def action_complete(self):
        for request in self.filtered(lambda r: r.direction == "outgoing"):
            if not request.sudo().document_ids:
                raise UserError(
                    self.env._(
                        "%s: attach the records received from the provider before completing.",
                        request.name,
                    )
                )
        self._transition("completed", {"date_completed": fields.Date.context_today(self)})
        for request in self.filtered(lambda r: r.direction == "outgoing"):
            request.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=self.env._("Records received.")
            )
            request.patient_id.message_post(
                body=self.env._(
                    "Records from %(provider)s received (%(count)s document(s), request %(ref)s).",
                    provider=request.provider_id.display_name or "-",
                    count=request.document_count,
                    ref=request.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_deny(self):
        for request in self:
            if not request.denial_reason or not (request.denial_note or "").strip():
                raise UserError(
                    self.env._(
                        "%s: give the reason and the written denial sent to the requester.",
                        request.name,
                    )
                )
        self._transition("denied", {"decided_by_id": self.env.user.id})
        for request in self:
            request.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (self.env._("Written denial:"), request.denial_note),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_withdraw(self):
        self._transition("withdrawn")
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_verify_identity(self):
        """Record that staff checked the requester's identity (who and when)."""
        for request in self:
            if not request.identity_method:
                raise UserError(self.env._("%s: say how the identity was verified.", request.name))
        self.write(
            {
                "identity_verified": True,
                "identity_verified_by_id": self.env.user.id,
                "identity_verified_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_record_extension(self):
        """Take the one extension the rules allow, after the written notice."""
        for request in self:
            if request.direction != "incoming" or request.state not in OPEN_INCOMING:
                raise UserError(self.env._("Only an open incoming request can be extended."))
            if request.is_extended:
                raise UserError(self.env._("%s was already extended once.", request.name))
            if not request.extension_notice_date or not (request.extension_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%s: enter the date of the written notice and the reason for the delay.",
                        request.name,
                    )
                )
            # The notice must precede the due date in force: the state's when it is
            # stricter than HIPAA's, not only HIPAA's.
            if request.date_due and request.extension_notice_date > request.date_due:
                raise UserError(
                    self.env._(
                        "%(ref)s: the extension notice must be sent within the first deadline "
                        "(by %(due)s, the due date in force).",
                        ref=request.name,
                        due=format_date(self.env, request.date_due),
                    )
                )
            state_before = request.date_due_state
            request.is_extended = True
            request.message_post(
                body=self.env._(
                    "Deadline extended: written notice sent on %(date)s. Reason: %(reason)s",
                    date=format_date(self.env, request.extension_notice_date),
                    reason=request.extension_reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if state_before and request.date_due_state == state_before:
                request.message_post(
                    body=self.env._(
                        "The state rule allows no extension: the due date stays %s.",
                        format_date(self.env, request.date_due),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_mark_fee_paid(self):
        self.write({"fee_state": "paid", "fee_paid_date": fields.Date.context_today(self)})
        return True

    def action_waive_fee(self):
        self.write({"fee_state": "waived"})
        return True

    def action_set_fee_due(self):
        for request in self:
            if not request.fee_amount:
                raise UserError(self.env._("%s: enter the fee charged first.", request.name))
        self.write({"fee_state": "due"})
        return True

    def action_send_request(self):
        """Outgoing: the request went to the previous provider; follow up until records come."""
        for request in self:
            if not request.provider_id:
                raise UserError(
                    self.env._("%s: choose the previous provider to ask.", request.name)
                )
        today = fields.Date.context_today(self)
        self._transition("requested", {"date_requested": today})
        for request in self:
            request.date_next_followup = today + timedelta(
                days=request.company_id.clinic_records_followup_days or 7
            )
            request._schedule_followup()
        return True

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_records_requests.clinic_records_document_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    # ------------------------------------------------------------------ letters
    def _clinic_letter_signer(self, decision=False):
        """The person who signs a letter about this request, never OdooBot or a bot.

        A decision (the denial) is signed by whoever took it, a doctor or an admin
        with the records:authorize permission; a statement by the responsible person.
        """
        self.ensure_one()
        people = (self.decided_by_id, self.user_id) if decision else (self.user_id,)
        for user in (*people, self.decided_by_id, self.create_uid):
            if user and user._clinic_is_letter_signer():
                return user
        return self.env["res.users"]

    def _clinic_letter_recipient(self):
        """Whom the letters about this request are addressed to: the requester."""
        self.ensure_one()
        return self.requester_id or self.patient_id

    # ------------------------------------------------------------------ checks
    def _check_release_allowed(self):
        """Refuse to authorize or release without identity and legal authority."""
        self.ensure_one()
        if self.direction != "incoming":
            raise UserError(self.env._("%s is an outgoing request: nothing to release.", self.name))
        problems = []
        if not self.identity_verified:
            problems.append(self.env._("the requester's identity is not verified"))
        if self.requester_type in ("guardian", "representative") and not (
            self.representative_authority and self.representative_verified
        ):
            problems.append(self.env._("the personal representative's authority is not checked"))
        if self.authorization_required:
            if self.auth_missing_elements:
                problems.append(
                    self.env._(
                        "the HIPAA authorization lacks: %(missing)s",
                        missing=self.auth_missing_elements,
                    )
                )
            today = fields.Date.context_today(self)
            if self.auth_expiry_date and self.auth_expiry_date < today:
                problems.append(
                    self.env._(
                        "the HIPAA authorization expired on %s",
                        format_date(self.env, self.auth_expiry_date),
                    )
                )
        if problems:
            raise UserError(
                self.env._(
                    "%(ref)s cannot be released to %(who)s: %(problems)s.",
                    ref=self.name,
                    who=self.requester_id.display_name
                    or dict(REQUESTER_TYPES)[self.requester_type],
                    problems="; ".join(problems),
                )
            )

    def _check_delivery_ready(self):
        self.ensure_one()
        if not self.delivery_method:
            raise UserError(self.env._("%s: choose how the records are delivered.", self.name))
        if self.delivery_method in ("portal", "email_link"):
            if not self.document_count:
                raise UserError(
                    self.env._("%s: add the prepared records before sending.", self.name)
                )
            recipient = self.requester_id or self.patient_id
            if self.delivery_method == "email_link" and not recipient.email:
                raise UserError(self.env._("%s: the requester has no e-mail address.", self.name))
        if self.delivery_method in ("mail", "courier", "fax") and not self.delivery_tracking_ref:
            raise UserError(
                self.env._(
                    "%s: enter the tracking number (or the fax number it went to).", self.name
                )
            )
        if (
            self.company_id.clinic_records_require_prepayment
            and self.fee_state == "due"
            and not self.env.context.get("clinic_records_send_unpaid")
        ):
            raise UserError(
                self.env._(
                    "%s: the clinic requires the fee to be paid before release. Mark it paid, "
                    "waive it, or use “Send unpaid” to confirm sending anyway.",
                    self.name,
                )
            )

    def _deliver(self):
        """Record the delivery; for links, issue a fresh token (old links stop working)."""
        self.ensure_one()
        method = dict(self._fields["delivery_method"].selection)[self.delivery_method]
        recipient = self.requester_id or self.patient_id
        if self.delivery_method in ("portal", "email_link"):
            days = self.company_id.clinic_records_link_days or 7
            self.sudo().write(
                {
                    "access_token": False,
                    "release_downloads": {},
                    "release_partner_id": recipient.id,
                    "release_expiry": fields.Datetime.now() + timedelta(days=days),
                }
            )
            self.sudo()._portal_ensure_token()
            if self.delivery_method == "email_link":
                template = self.env.ref("crm_records_requests.mail_template_records_release_link")
                template.sudo().with_context(release_url=self._get_release_url()).send_mail(
                    self.id, email_layout_xmlid="mail.mail_notification_light"
                )
        else:
            self.release_partner_id = recipient
        self.message_post(
            body=self.env._(
                "Records released to %(who)s by %(method)s%(ref)s (%(count)s document(s)).",
                who=recipient.display_name,
                method=method,
                ref=f" – {self.delivery_tracking_ref}" if self.delivery_tracking_ref else "",
                count=self.document_count,
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------ portal
    def _get_release_url(self):
        """The download link for the requester (the token itself is the credential)."""
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}{self.access_url}?access_token={self.sudo().access_token}"

    def _release_status(self, token):
        """``ok``, ``expired`` or ``invalid`` for a release link token (call on sudo).

        The token is compared in constant time; a request that was not released by
        link, or not released yet, has no valid token at all.
        """
        self.ensure_one()
        if not (
            token
            and self.access_token
            and consteq(self.access_token, token)
            and self.state in DONE_STATES
            and self.delivery_method in ("portal", "email_link")
        ):
            return "invalid"
        if not self.release_expiry or self.release_expiry <= fields.Datetime.now():
            return "expired"
        return "ok"

    def _release_downloads_left(self, document):
        """Downloads of ``document`` this link still allows (call on sudo)."""
        self.ensure_one()
        done = (self.release_downloads or {}).get(str(document.id), 0)
        return max(self.company_id.clinic_records_max_downloads - done, 0)

    def _log_release_refusal(self, reason, remote_addr=None):
        """Put a refused release-link request in the chatter (call on sudo)."""
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "Release link refused%(ip)s: %(reason)s",
                ip=f" to {remote_addr}" if remote_addr else "",
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _log_download(self, document, remote_addr=None):
        """Count the download and put it in the chatter (call on sudo after the token
        check)."""
        self.ensure_one()
        self.download_count += 1
        downloads = dict(self.release_downloads or {})
        downloads[str(document.id)] = downloads.get(str(document.id), 0) + 1
        self.release_downloads = downloads
        self.message_post(
            body=self.env._(
                "“%(doc)s” downloaded through the release link sent to %(who)s%(ip)s.",
                doc=document.name,
                who=self.release_partner_id.display_name or "-",
                ip=f" from {remote_addr}" if remote_addr else "",
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------ crons
    def _schedule_followup(self):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_next_followup,
            summary=self.env._("Follow up: records from %s", self.provider_id.display_name),
            user_id=(self.user_id or self.env.user).id,
        )

    @api.model
    def _cron_check_deadlines(self, batch_size=200):
        """Flag open incoming requests due soon or overdue and plan activities.

        An activity is planned only when the flag changes, so running the job twice
        does not duplicate work; more than one batch re-triggers the job.
        """
        today = fields.Date.context_today(self)
        requests = self.search(
            [
                ("direction", "=", "incoming"),
                ("state", "in", OPEN_INCOMING),
                ("date_due", "!=", False),
            ],
            order="date_due",
        )
        new_flags = {}
        for request in requests:
            warn = request.company_id.clinic_records_warning_days
            left = (request.date_due - today).days
            # Warn counting to the send-by day: a due date on a closed day comes sooner.
            left_to_send = ((request.date_send_by or request.date_due) - today).days
            flag = "overdue" if left < 0 else ("due_soon" if left_to_send <= warn else "on_track")
            if flag != request.deadline_flag:
                new_flags[request] = flag
        batch = list(new_flags.items())[:batch_size]
        for request, flag in batch:
            request.deadline_flag = flag
            if flag == "due_soon":
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=request.date_send_by or request.date_due,
                    summary=self.env._(
                        "Records request due on %(due)s (a closed day): send by %(send_by)s",
                        due=request.date_due,
                        send_by=request.date_send_by,
                    )
                    if request.due_date_warning
                    else self.env._("Records request due on %s", request.date_due),
                    note=request.due_date_warning or False,
                    user_id=(
                        request.user_id
                        or request.company_id.clinic_records_escalation_user_id
                        or self.env.user
                    ).id,
                )
            elif flag == "overdue":
                escalate_to = (
                    request.company_id.clinic_records_escalation_user_id
                    or request.user_id
                    or self.env.user
                )
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._("OVERDUE records request (due %s)", request.date_due),
                    note=request.deadline_explanation,
                    user_id=escalate_to.id,
                )
        if len(new_flags) > batch_size:
            self.env.ref("crm_records_requests.ir_cron_records_deadlines")._trigger()
        return len(batch)

    @api.model
    def _cron_followup_outgoing(self, batch_size=200):
        """Plan a follow-up on outgoing requests whose records have not arrived."""
        today = fields.Date.context_today(self)
        domain = [
            ("direction", "=", "outgoing"),
            ("state", "=", "requested"),
            ("date_next_followup", "<=", today),
        ]
        batch = self.search(domain, limit=batch_size + 1, order="date_next_followup, id")
        more = len(batch) > batch_size
        for request in batch[:batch_size]:
            request.followup_count += 1
            request.date_next_followup = today + timedelta(
                days=request.company_id.clinic_records_followup_days or 7
            )
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._(
                    "Follow up (%(n)s): records from %(provider)s",
                    n=request.followup_count,
                    provider=request.provider_id.display_name,
                ),
                user_id=(request.user_id or self.env.user).id,
            )
        if more:
            self.env.ref("crm_records_requests.ir_cron_records_outgoing_followup")._trigger()
        return min(len(batch), batch_size)

    def _check_documents_editable(self):
        """Released records are evidence of what was sent: they stay as they were."""
        for request in self:
            if request.direction == "incoming" and request.state in (
                "sent",
                "completed",
                "denied",
                "withdrawn",
            ):
                raise UserError(
                    self.env._(
                        "%s is closed: its documents are kept as released and cannot change.",
                        request.name,
                    )
                )
