# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Payers print member ids as letters, digits and the odd dash; anything else is a typo.
MEMBER_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\- ]{1,29}$")

SUBSCRIBER_RELATIONS = [
    ("self", "Self"),
    ("parent", "Parent"),
    ("spouse", "Spouse"),
    ("legal_guardian", "Legal guardian"),
    ("other", "Other"),
]


class ClinicInsurancePolicy(models.Model):
    """A patient's coverage (insurance policy), primary or secondary.

    Kept in the base addon because authorizations are requested against it;
    crm_intake_forms fills the same records from insurance forms and adds the
    card pictures and the link to the intake request.
    """

    _name = "clinic.insurance.policy"
    _description = "Coverage"
    _inherit = ["mail.thread"]
    _order = "active desc, priority, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    patient_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="patient_id.company_id", store=True, index=True
    )
    priority = fields.Selection(
        [("primary", "Primary"), ("secondary", "Secondary")],
        default="primary",
        required=True,
        tracking=True,
    )
    carrier = fields.Char(string="Payer", required=True, tracking=True)
    payer_id = fields.Many2one(
        "res.partner",
        string="Payer Contact",
        tracking=True,
        help="The insurer as a contact, where authorization requests are sent.",
    )
    plan_name = fields.Char(string="Plan", tracking=True)
    member_ref = fields.Char(string="Member ID", tracking=True)
    group_number = fields.Char(tracking=True)
    subscriber_name = fields.Char(string="Subscriber", tracking=True)
    subscriber_relation = fields.Char(
        tracking=True, help="How the subscriber is related to the patient (self, parent…)."
    )
    subscriber_birthdate = fields.Date(tracking=True)
    date_effective = fields.Date(string="Effective", tracking=True)
    date_termination = fields.Date(string="Termination", tracking=True)
    is_current = fields.Boolean(
        string="In Effect", compute="_compute_is_current", search="_search_is_current"
    )

    @api.depends("carrier", "priority", "member_ref")
    def _compute_name(self):
        labels = dict(self._fields["priority"].selection)
        for policy in self:
            policy.name = " – ".join(
                part
                for part in (labels.get(policy.priority), policy.carrier, policy.member_ref)
                if part
            )

    @api.depends("date_effective", "date_termination", "active")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for policy in self:
            policy.is_current = bool(
                policy.active
                and (not policy.date_effective or policy.date_effective <= today)
                and (not policy.date_termination or policy.date_termination >= today)
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        today = fields.Date.context_today(self)
        domain = [
            ("active", "=", True),
            "|",
            ("date_effective", "=", False),
            ("date_effective", "<=", today),
            "|",
            ("date_termination", "=", False),
            ("date_termination", ">=", today),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    @api.constrains("date_effective", "date_termination")
    def _check_dates(self):
        for policy in self:
            if (
                policy.date_effective
                and policy.date_termination
                and policy.date_termination < policy.date_effective
            ):
                raise ValidationError(
                    self.env._(
                        "The coverage %(name)s ends before it starts: check the effective "
                        "and termination dates.",
                        name=policy.name,
                    )
                )

    @api.constrains("member_ref")
    def _check_member_ref(self):
        for policy in self:
            if policy.member_ref and not MEMBER_ID_PATTERN.match(policy.member_ref.strip()):
                raise ValidationError(
                    self.env._(
                        "“%(member)s” does not look like a member ID: use the letters and "
                        "digits printed on the insurance card.",
                        member=policy.member_ref,
                    )
                )

    @api.constrains("priority", "patient_id", "active")
    def _check_one_per_priority(self):
        """Two active primary coverages would make authorizations ambiguous."""
        data = self._read_group(
            [("patient_id", "in", self.patient_id.ids), ("active", "=", True)],
            ["patient_id", "priority"],
            ["__count"],
        )
        for patient, priority, count in data:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(patient)s already has an active %(priority)s coverage: archive it "
                        "first or record this one as the other rank.",
                        patient=patient.display_name,
                        priority=dict(self._fields["priority"].selection)[priority].lower(),
                    )
                )
