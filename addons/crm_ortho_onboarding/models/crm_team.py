# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmTeam(models.Model):
    """A clinic pipeline (and location): orthodontic, ABA patients or recruiting."""

    _inherit = "crm.team"

    clinic_pipeline_type = fields.Selection(
        [
            ("ortho", "Orthodontic new patients"),
            ("aba", "ABA patients"),
            ("practitioner", "Practitioner recruiting"),
        ],
        string="Clinic Pipeline",
        help="What kind of leads this pipeline works; new leads created in it default to it.",
    )

    @api.model
    def _clinic_scope_shared_stages(self):
        """Give Odoo's shared stages to the non-clinic teams so clinic kanbans stay clean."""
        shared = self.env["crm.stage"].search([("team_ids", "=", False)])
        others = self.search([("clinic_pipeline_type", "=", False)])
        if shared and others:
            shared.write({"team_ids": [(6, 0, others.ids)]})
