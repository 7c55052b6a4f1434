# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROVIDER_TYPES = [
    ("any", "Any provider"),
    ("physician", "Physicians"),
    ("practitioner", "Licensed practitioners"),
    ("any_ehr", "Providers with an EHR"),
]


class ClinicRecordsJurisdiction(models.Model):
    """The legal rule for answering a records request in one jurisdiction.

    Shipped as data (US federal HIPAA plus state rules) with the citation and
    source of each rule; the clinic's admin confirms and edits them, since
    statutes and fee schedules change (several are adjusted every year).
    """

    _name = "clinic.records.jurisdiction"
    _description = "Records Request Jurisdiction Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, code, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, help="US-FED for HIPAA, US-<state> for a state rule.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    is_federal = fields.Boolean(
        string="Federal (HIPAA)", help="The federal floor every request is also held to."
    )
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.us"))
    state_id = fields.Many2one(
        "res.country.state", domain="[('country_id', '=', country_id)]", tracking=True
    )
    provider_type = fields.Selection(
        PROVIDER_TYPES,
        default="any",
        required=True,
        help="Whom the rule binds; a clinic picks the rule that fits it in the settings.",
    )
    # Deadline
    deadline_days = fields.Integer(required=True, tracking=True)
    day_type = fields.Selection(
        [("calendar", "Calendar days"), ("business", "Business days")],
        required=True,
        default="calendar",
        tracking=True,
        help="Business days skip weekends and the clinic's public holidays.",
    )
    extension_days = fields.Integer(
        tracking=True, help="Extra days allowed once, after a written notice; 0 = no extension."
    )
    # Fees: amounts are maximums; see clinic.records.request._compute_fee_estimate.
    fee_rule = fields.Char(string="Fee Rule (summary)", help="The fee rule in the law's words.")
    fee_schedule = fields.Selection(
        [
            ("schedule", "Statutory schedule (amounts below)"),
            ("cost_based", "Reasonable cost (labour, supplies, postage)"),
        ],
        required=True,
        default="cost_based",
        tracking=True,
    )
    fee_base = fields.Monetary(
        string="Base / Handling Fee", currency_field="currency_id", tracking=True
    )
    fee_base_not_for_patient = fields.Boolean(
        string="No Base Fee for Patients",
        help="The base or search fee may not be charged when patients ask for their own record.",
    )
    fee_tier1_pages = fields.Integer(string="First Tier Pages")
    fee_tier1_rate = fields.Monetary(
        string="First Tier Per Page", currency_field="currency_id", tracking=True
    )
    fee_tier2_pages = fields.Integer(string="Second Tier Pages")
    fee_tier2_rate = fields.Monetary(string="Second Tier Per Page", currency_field="currency_id")
    fee_page_rate = fields.Monetary(
        string="Per Page (remaining pages)", currency_field="currency_id", tracking=True
    )
    fee_electronic_flat = fields.Monetary(
        string="Flat Fee for Electronic Copies",
        currency_field="currency_id",
        help="Replaces the base and per-page fees for electronic copies; 0 = they apply.",
    )
    fee_minimum = fields.Monetary(currency_field="currency_id")
    fee_maximum = fields.Monetary(currency_field="currency_id", help="0 = no maximum.")
    fee_allows_labor = fields.Boolean(
        string="Labour Chargeable", default=True, help="Cost-based copying labour may be added."
    )
    fee_allows_postage = fields.Boolean(string="Postage Chargeable", default=True)
    fee_free_continuity_of_care = fields.Boolean(
        string="Free for Continuity of Care",
        help="No fee when the records go to another provider to continue the patient's care.",
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.USD")
    )
    # Provenance
    citation = fields.Char(required=True, tracking=True)
    source = fields.Char(help="Where the rule was read.")
    confidence = fields.Selection(
        [
            ("verified", "Verified in the statute"),
            ("secondary", "Secondary source"),
            ("uncertain", "Uncertain"),
        ],
        default="secondary",
        required=True,
        tracking=True,
        help="How sure the shipped research is; the clinic's admin confirms the rule.",
    )
    notes = fields.Text()

    _code_provider_unique = models.Constraint(
        "UNIQUE(code, provider_type)", "There is already a rule for this jurisdiction and provider."
    )
    _deadline_positive = models.Constraint(
        "CHECK(deadline_days > 0 AND extension_days >= 0)",
        "A deadline needs a positive number of days and the extension cannot be negative.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.code} – {rule.name}" if rule.code else rule.name

    @api.constrains("fee_minimum", "fee_maximum")
    def _check_fee_bounds(self):
        for rule in self:
            if rule.fee_maximum and rule.fee_minimum > rule.fee_maximum:
                raise ValidationError(
                    self.env._("%(rule)s: the minimum fee is above the maximum.", rule=rule.code)
                )

    @api.model
    def _get_federal_rule(self):
        return self.search([("is_federal", "=", True)], limit=1)

    def _add_days(self, start, days, company):
        """The date ``days`` days after ``start`` under this rule's day type.

        Business days skip Saturdays, Sundays and the company's public holidays
        (time off without a resource on the company's working-hours calendar).
        """
        self.ensure_one()
        if self.day_type != "business":
            return start + timedelta(days=days)
        holidays = company._clinic_records_holidays(start, start + timedelta(days=days * 2 + 60))
        current = start
        counted = 0
        while counted < days:
            current += timedelta(days=1)
            if current.weekday() < 5 and current not in holidays:
                counted += 1
        return current
