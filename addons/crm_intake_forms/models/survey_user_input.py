# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    """A survey answer that belongs to an intake request reports back to it."""

    _inherit = "survey.user_input"

    clinic_request_ids = fields.One2many(
        "clinic.intake.request", "user_input_id", string="Intake Requests"
    )

    def _mark_done(self):
        """Once submitted, turn the answers into the patient's records.

        What the family does not answer (the packet's name and birth date outside its
        first form, minor status) is saved from the packet and the patient first,
        whatever was posted."""
        self.sudo().clinic_request_ids._clinic_apply_locked_answers()
        result = super()._mark_done()
        requests = self.sudo().clinic_request_ids
        if requests:
            # The patient (public or portal user) submits: the request, not the user,
            # decides what gets written, and it was authorised by its token.
            requests._clinic_on_survey_done()
        return result

    def write(self, vals):
        """Opening the form on the portal moves its request to "in progress"."""
        result = super().write(vals)
        if vals.get("state") == "in_progress":
            self.sudo().clinic_request_ids.filtered(lambda r: r.state == "sent").write(
                {"state": "in_progress", "date_opened": fields.Datetime.now()}
            )
        return result
