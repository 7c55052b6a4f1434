# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import is_html_empty

from .intake_fields import INTAKE_FIELDS


class SurveyQuestion(models.Model):
    """A question says where its answer goes on the patient (and where prefill comes from)."""

    _inherit = "survey.question"

    clinic_key = fields.Char(
        string="Intake Key", help="Name of the question in exported templates (conditions)."
    )
    clinic_title_guardian = fields.Char(
        string="Title for a Guardian",
        translate=True,
        help="The question as a parent or guardian answering for the patient reads it "
        "(“Is the patient taking…”); empty: the title.",
    )
    clinic_intake_field = fields.Selection(
        INTAKE_FIELDS,
        string="Patient Field",
        help="When the form is completed, the answer is copied to this field of the patient's "
        "medical history, insurance or consent; it is also prefilled from it.",
    )

    def _clinic_export_question(self):
        self.ensure_one()
        data = {"title": self.title, "type": self.question_type}
        if self.clinic_title_guardian:
            data["title_guardian"] = self.clinic_title_guardian
        if self.description and not is_html_empty(self.description):
            data["help"] = str(self.description)
        if self.clinic_key:
            data["key"] = self.clinic_key
        if self.constr_mandatory:
            data["required"] = True
        if self.clinic_intake_field:
            data["maps_to"] = self.clinic_intake_field
        if self.suggested_answer_ids:
            data["answers"] = self.suggested_answer_ids.mapped("value")
        conditions = [
            {"question": answer.question_id.clinic_key, "answer": answer.value}
            for answer in self.triggering_answer_ids
            if answer.question_id.clinic_key
        ]
        if conditions:
            data["show_if"] = conditions
        return data
