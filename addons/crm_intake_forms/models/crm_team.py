# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Command


class CrmTeam(models.Model):
    """Each pipeline has its intake packet: the forms “Send intake forms” proposes."""

    _inherit = "crm.team"

    clinic_intake_template_ids = fields.Many2many(
        "survey.survey",
        "crm_team_clinic_intake_template_rel",
        "team_id",
        "survey_id",
        string="Intake Packet",
        domain=[("clinic_is_intake", "=", True)],
        help="The intake forms proposed for this pipeline's leads (narrowed to the forms "
        "the lead's stage requires, and to the patient's age). Empty: every intake form "
        "that suits the stage and the patient.",
    )

    @api.model
    def _clinic_set_default_intake_packet(self, pipeline_type, template_names):
        """Give the pipelines of ``pipeline_type`` that have no packet yet the shipped one.

        Run from data on install and update; a packet the clinic set is left alone.
        """
        surveys = self.env["survey.survey"]
        for name in template_names:
            surveys |= (
                self.env.ref(f"crm_intake_forms.intake_template_{name}", raise_if_not_found=False)
                or surveys.browse()
            )
        teams = self.with_context(active_test=False).search(
            [
                ("clinic_pipeline_type", "=", pipeline_type),
                ("clinic_intake_template_ids", "=", False),
            ]
        )
        if surveys and teams:
            teams.clinic_intake_template_ids = [Command.set(surveys.ids)]
        return True
