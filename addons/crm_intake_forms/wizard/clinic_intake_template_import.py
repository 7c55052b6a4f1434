# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError


class ClinicIntakeTemplateImport(models.TransientModel):
    """Import an intake template exported by another clinic (JSON)."""

    _name = "clinic.intake.template.import"
    _description = "Import Intake Template"

    file = fields.Binary(string="Template File (JSON)", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the template file to import."))
        survey = self.env["survey.survey"]._clinic_import_template(base64.b64decode(self.file))
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": survey.id,
            "view_mode": "form",
        }
