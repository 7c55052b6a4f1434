# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ClinicInsurancePolicy(models.Model):
    """An insurance policy of a patient, primary or secondary, as declared at intake."""

    _name = "clinic.insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread"]
    _order = "active desc, priority, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    patient_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", tracking=True
    )
    request_id = fields.Many2one("clinic.intake.request", string="Intake Request", index=True)
    company_id = fields.Many2one(
        "res.company", related="patient_id.company_id", store=True, index=True
    )
    priority = fields.Selection(
        [("primary", "Primary"), ("secondary", "Secondary")],
        default="primary",
        required=True,
        tracking=True,
    )
    carrier = fields.Char(required=True, tracking=True)
    plan_name = fields.Char(string="Plan", tracking=True)
    member_ref = fields.Char(string="Member ID", tracking=True)
    group_number = fields.Char(tracking=True)
    subscriber_name = fields.Char(string="Subscriber", tracking=True)
    subscriber_relation = fields.Char(tracking=True)
    card_front = fields.Image(string="Card (front)", max_width=1024, max_height=1024)
    card_back = fields.Image(string="Card (back)", max_width=1024, max_height=1024)

    @api.depends("carrier", "priority", "member_ref")
    def _compute_name(self):
        labels = dict(self._fields["priority"].selection)
        for policy in self:
            policy.name = " – ".join(
                part
                for part in (labels.get(policy.priority), policy.carrier, policy.member_ref)
                if part
            )
