# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.crm_clinic_therapy.models.clinic_patient_condition import (
    ICD10_PATTERN,
    normalize_icd10,
)
from odoo.addons.crm_intake_forms.models.clinic_intake_request import OPEN_STATES


class ClinicIntakeRequest(models.Model):
    """The diagnosis answered on a form becomes one of the patient's conditions."""

    _inherit = "clinic.intake.request"

    def _clinic_on_survey_done(self):
        # Read the answers before the request closes: they are mapped while it is open.
        pending = self.filtered(lambda request: request.state in OPEN_STATES)
        answers = {request.id: request._clinic_mapped_answers() for request in pending}
        res = super()._clinic_on_survey_done()
        for request in pending.filtered(lambda r: r.state == "done"):
            if answers[request.id].get("diagnosis_code"):
                request._clinic_record_condition(answers[request.id])
        return res

    def _clinic_record_condition(self, answers):
        """Record the diagnosis; a code that is not ICD-10 is left for staff to review
        rather than refusing a form the family already submitted."""
        self.ensure_one()
        code = normalize_icd10(answers.get("diagnosis_code"))
        if not ICD10_PATTERN.match(code):
            self.review_note = self.env._(
                "The diagnosis code “%(code)s” is not an ICD-10 code: check it with the family "
                "and record the condition on the patient.",
                code=answers.get("diagnosis_code"),
            )
            return
        Condition = self.env["clinic.patient.condition"].sudo()
        if Condition.search_count([("patient_id", "=", self.patient_id.id), ("code", "=", code)]):
            return
        Condition.create(
            {
                "patient_id": self.patient_id.id,
                "code": code,
                "name": answers.get("diagnosis_name") or False,
            }
        )
