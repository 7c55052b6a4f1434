# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SUBMISSIONS = "crm_intake_forms.group_clinic_intake_view_submissions"


class CrmLead(models.Model):
    """Intake progress on the lead, and the patient's medical alert for the coordinator."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "clinic.intake.progress.mixin"]
    _clinic_intake_link = "lead_id"

    clinic_intake_request_ids = fields.One2many(
        "clinic.intake.request", "lead_id", string="Intake Requests"
    )
    clinic_allergies = fields.Text(
        related="clinic_patient_id.clinic_allergies", string="Allergies", groups=SUBMISSIONS
    )
    clinic_premedication_required = fields.Boolean(
        related="clinic_patient_id.clinic_premedication_required",
        string="Premedication Needed",
        groups=SUBMISSIONS,
    )
    clinic_has_medical_alert = fields.Boolean(
        related="clinic_patient_id.clinic_has_medical_alert", groups=SUBMISSIONS
    )

    def action_clinic_send_intake(self):
        self.ensure_one()
        return self.env["clinic.intake.send"]._clinic_action_for(lead=self)
