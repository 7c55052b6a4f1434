# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# ICD-10(-CM): a letter (U is reserved), two characters, then an optional dot and
# up to four more characters, e.g. F84.0 (autism) or Z13.41.
ICD10_PATTERN = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


def normalize_icd10(code):
    """Upper-case, trimmed code; a dot is added after the third character if missing."""
    code = (code or "").strip().upper().replace(" ", "")
    if len(code) > 3 and "." not in code:
        code = f"{code[:3]}.{code[3:]}"
    return code


class ClinicPatientCondition(models.Model):
    """A diagnosis of a patient (ICD-10), the basis of an insurer's authorization."""

    _name = "clinic.patient.condition"
    _description = "Patient Condition"
    _inherit = ["mail.thread"]
    _order = "active desc, date_onset desc, id desc"

    name = fields.Char(string="Description", tracking=True)
    code = fields.Char(string="ICD-10 Code", required=True, tracking=True, index=True)
    active = fields.Boolean(default=True, tracking=True)
    patient_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="patient_id.company_id", store=True, index=True
    )
    date_onset = fields.Date(string="Onset", tracking=True)
    date_diagnosed = fields.Date(string="Diagnosed On", tracking=True)
    diagnosing_provider_id = fields.Many2one("res.partner", tracking=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "clinic_patient_condition_attachment_rel",
        "condition_id",
        "attachment_id",
        string="Documents",
    )
    note = fields.Text()

    @api.depends("code", "name")
    def _compute_display_name(self):
        for condition in self:
            condition.display_name = " – ".join(p for p in (condition.code, condition.name) if p)

    @api.constrains("code")
    def _check_code(self):
        for condition in self:
            if not ICD10_PATTERN.match(condition.code or ""):
                raise ValidationError(
                    self.env._(
                        "“%(code)s” is not an ICD-10 code. A code is a letter, two digits or "
                        "letters, then optionally a dot and up to four more, e.g. F84.0.",
                        code=condition.code,
                    )
                )

    @api.constrains("date_onset", "date_diagnosed")
    def _check_dates(self):
        for condition in self:
            if (
                condition.date_onset
                and condition.date_diagnosed
                and condition.date_onset > condition.date_diagnosed
            ):
                raise ValidationError(
                    self.env._("A condition cannot be diagnosed before its onset.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = normalize_icd10(vals["code"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("code"):
            vals["code"] = normalize_icd10(vals["code"])
        return super().write(vals)
