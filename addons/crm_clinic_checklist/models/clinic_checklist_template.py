# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicChecklistTemplate(models.Model):
    """The onboarding checklist a clinic runs for each new patient opportunity.

    Admins edit the items; every patient opportunity of the template's pipelines
    gets a copy of the items as checklist lines when it becomes an opportunity.
    """

    _name = "clinic.checklist.template"
    _description = "Onboarding Checklist Template"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", index=True, tracking=True)
    team_ids = fields.Many2many(
        "crm.team",
        string="Pipelines",
        domain="[('clinic_pipeline_type', '!=', False)]",
        help="Pipelines whose patient opportunities get this checklist; empty means every "
        "clinic patient pipeline without a more specific template.",
    )
    line_ids = fields.One2many("clinic.checklist.template.line", "template_id", string="Items")
    line_count = fields.Integer(compute="_compute_line_count", string="Items Count")

    def _compute_line_count(self):
        for template in self:
            template.line_count = len(template.line_ids)

    def _clinic_for_lead(self, lead):
        """The template a lead should follow: one of its pipeline first, then a general one."""
        templates = self.search(
            [("company_id", "in", [False, lead.company_id.id])], order="sequence, id"
        )
        specific = templates.filtered(lambda t: lead.team_id in t.team_ids)
        return (specific or templates.filtered(lambda t: not t.team_ids))[:1]
