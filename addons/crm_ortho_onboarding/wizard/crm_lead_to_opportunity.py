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
        # Only clinic pipelines choose a stage here; Odoo's sales teams convert as Odoo does.
        Stage = self.env["crm.stage"]
        for wizard in self:
            wizard.clinic_stage_id = (
                Stage.search(
                    [("team_ids", "in", wizard.team_id.ids)], order="sequence, id", limit=1
                )
                if wizard.team_id.clinic_pipeline_type
                else False
            )

    def action_apply(self):
        leads = self.env["crm.lead"].browse(self.env.context.get("active_ids", []))
        result = super().action_apply()
        if self.clinic_stage_id and self.name == "convert":
            leads.filtered(
                lambda lead: lead.type == "opportunity" and lead.stage_id != self.clinic_stage_id
            ).stage_id = self.clinic_stage_id
        return result
