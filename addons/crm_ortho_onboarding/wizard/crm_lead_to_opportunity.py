# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLead2opportunityPartner(models.TransientModel):
    """Qualify into a chosen stage of the pipeline (e.g. Application Pending)."""

    _inherit = "crm.lead2opportunity.partner"

    clinic_stage_id = fields.Many2one(
        "crm.stage",
        string="Qualify into Stage",
        compute="_compute_clinic_stage_id",
        readonly=False,
        store=True,
        domain="['|', ('team_ids', '=', False), ('team_ids', 'in', team_id)]",
    )

    @api.depends("team_id")
    def _compute_clinic_stage_id(self):
        Stage = self.env["crm.stage"]
        for wizard in self:
            wizard.clinic_stage_id = Stage.search(
                ["|", ("team_ids", "=", False), ("team_ids", "in", wizard.team_id.ids)],
                order="sequence, id",
                limit=1,
            )

    def action_apply(self):
        leads = self.env["crm.lead"].browse(self.env.context.get("active_ids", []))
        result = super().action_apply()
        if self.clinic_stage_id and self.name == "convert":
            leads.filtered(lambda lead: lead.type == "opportunity").stage_id = self.clinic_stage_id
        return result
