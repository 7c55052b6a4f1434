# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class ClinicScoreRule(models.Model):
    """One line of the clinic's lead score: a condition on the lead and its points.

    The score is the sum of the points of the rules a lead matches, kept within
    0–100, and each lead keeps the list of rules that gave it its score. It sits
    beside Odoo's predictive probability, which it does not replace.
    """

    _name = "clinic.score.rule"
    _inherit = ["clinic.cached.rules.mixin"]
    _description = "Lead Scoring Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, help="Shown to staff as the reason.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    points = fields.Integer(required=True, help="Added to the score (negative to subtract).")
    domain = fields.Char(
        string="Condition",
        required=True,
        default="[]",
        help="Leads matching this condition get the points.",
    )
    lead_count = fields.Integer(string="Matching Leads", compute="_compute_lead_count")

    def _compute_lead_count(self):
        leads = self.env["crm.lead"].search([], limit=5000)
        for rule in self:
            rule.lead_count = len(rule._matching(leads))

    @api.constrains("domain", "points")
    def _check_domain(self):
        lead_model = self.env["crm.lead"]
        for rule in self:
            if not -100 <= rule.points <= 100:
                raise ValidationError(
                    self.env._("Points: give a number between -100 and 100 (rule “%s”).", rule.name)
                )
            try:
                domain = Domain(literal_eval(rule.domain or "[]"))
                domain.validate(lead_model)
            except (ValueError, SyntaxError, TypeError) as error:
                raise ValidationError(
                    self.env._(
                        "Condition of rule “%(rule)s” is not valid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    def _matching(self, leads):
        self.ensure_one()
        domain = literal_eval(self.domain or "[]")
        return leads.filtered_domain(domain) if domain else leads

    @api.model
    @tools.ormcache()
    def _fields_used(self):
        """Names of the lead fields the active rules read (first part of each path)."""
        names = set()
        for rule in self.search([("points", "!=", 0)]):
            for condition in Domain(literal_eval(rule.domain or "[]")).iter_conditions():
                names.add(condition.field_expr.split(".")[0])
        return frozenset(names)

    def action_recompute_scores(self):
        """Recompute every lead's score in the background (also done nightly)."""
        self.env.ref("crm_ortho_onboarding.ir_cron_clinic_recompute_scores")._trigger()
        return True
