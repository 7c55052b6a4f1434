# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SUBMISSIONS = "crm_intake_forms.group_clinic_intake_view_submissions"


class ResPartner(models.Model):
    """Intake results on the patient: requests, medical history, insurance, consents."""

    _name = "res.partner"
    _inherit = ["res.partner", "clinic.intake.progress.mixin"]
    _clinic_intake_link = "patient_id"

    clinic_intake_request_ids = fields.One2many(
        "clinic.intake.request", "patient_id", string="Intake Requests"
    )
    clinic_medical_history_ids = fields.One2many(
        "clinic.medical.history", "patient_id", string="Medical History", groups=SUBMISSIONS
    )
    clinic_insurance_policy_ids = fields.One2many(
        "clinic.insurance.policy", "patient_id", string="Insurance Policies", groups=SUBMISSIONS
    )
    clinic_consent_ids = fields.One2many(
        "clinic.consent", "patient_id", string="Consents", groups=SUBMISSIONS
    )
    clinic_allergies = fields.Text(
        string="Allergies", compute="_compute_clinic_medical_alert", groups=SUBMISSIONS
    )
    clinic_premedication_required = fields.Boolean(
        string="Premedication Needed", compute="_compute_clinic_medical_alert", groups=SUBMISSIONS
    )
    clinic_has_medical_alert = fields.Boolean(
        compute="_compute_clinic_medical_alert", groups=SUBMISSIONS
    )

    @api.depends(
        "clinic_medical_history_ids.allergies",
        "clinic_medical_history_ids.premedication_required",
    )
    def _compute_clinic_medical_alert(self):
        for partner in self:
            latest = partner.clinic_medical_history_ids[:1]
            partner.clinic_allergies = latest.allergies
            partner.clinic_premedication_required = latest.premedication_required
            partner.clinic_has_medical_alert = bool(
                latest.allergies or latest.premedication_required
            )

    def action_clinic_send_intake(self):
        self.ensure_one()
        return self.env["clinic.intake.send"]._clinic_action_for(patient=self)
