# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
        self._clinic_check_application_sent(leads)
        result = super().action_apply()
        if self.clinic_stage_id and self.name == "convert":
            leads.filtered(
                lambda lead: lead.type == "opportunity" and lead.stage_id != self.clinic_stage_id
            ).stage_id = self.clinic_stage_id
        return result

    def _clinic_check_application_sent(self, leads):
        """A patient lead is qualified into Application Pending once the application was
        sent: the stage says so (Needs Application Sent Date), as in the Chorus flow."""
        if self.name != "convert" or not self.clinic_stage_id.clinic_needs_application_sent:
            return
        missing = leads.filtered(
            lambda lead: (
                lead.clinic_lead_type == "patient" and not lead.clinic_application_sent_date
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "Enter the date the application was sent to %(lead)s (Clinic tab, "
                    "Application Sent) before qualifying into %(stage)s.",
                    lead=missing[0].display_name,
                    stage=self.clinic_stage_id.name,
                )
            )
