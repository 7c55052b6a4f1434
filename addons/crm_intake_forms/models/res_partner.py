# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .clinic_intake_request import EMPTY_PROGRESS

SUBMISSIONS = "crm_ortho_onboarding.group_clinic_intake_view_submissions"


class ResPartner(models.Model):
    """Intake results on the patient: requests, medical history, insurance, consents."""

    _inherit = "res.partner"

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
    clinic_intake_total = fields.Integer(
        string="Intake Forms", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_done = fields.Integer(
        string="Forms Done", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_missing = fields.Integer(
        string="Forms Missing", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_expired = fields.Integer(
        string="Forms to Renew", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_overdue = fields.Integer(
        string="Forms Overdue", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_progress = fields.Float(
        string="Intake Complete (%)", compute="_compute_clinic_intake_progress"
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

    def _compute_clinic_intake_progress(self):
        stats = self.env["clinic.intake.request"]._clinic_progress_by(
            "patient_id", [("patient_id", "in", self.ids)]
        )
        for partner in self:
            values = stats.get(partner.id, EMPTY_PROGRESS)
            partner.update({f"clinic_intake_{key}": value for key, value in values.items()})

    def action_clinic_send_intake(self):
        self.ensure_one()
        return self.env["clinic.intake.send"]._clinic_action_for(patient=self)

    def action_clinic_view_intake_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_intake_forms.clinic_intake_request_action"
        )
        action.update(
            domain=[("patient_id", "=", self.id)],
            context={"default_patient_id": self.id},
        )
        return action
