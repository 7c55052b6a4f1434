# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .clinic_intake_request import EMPTY_PROGRESS

SUBMISSIONS = "crm_ortho_onboarding.group_clinic_intake_view_submissions"


class CrmLead(models.Model):
    """Intake progress on the lead, and the patient's medical alert for the coordinator."""

    _inherit = "crm.lead"

    clinic_intake_request_ids = fields.One2many(
        "clinic.intake.request", "lead_id", string="Intake Requests"
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

    def _compute_clinic_intake_progress(self):
        stats = self.env["clinic.intake.request"]._clinic_progress_by(
            "lead_id", [("lead_id", "in", self.ids)]
        )
        for lead in self:
            values = stats.get(lead.id, EMPTY_PROGRESS)
            lead.update({f"clinic_intake_{key}": value for key, value in values.items()})

    def action_clinic_send_intake(self):
        self.ensure_one()
        return self.env["clinic.intake.send"]._clinic_action_for(lead=self)

    def action_clinic_view_intake_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_intake_forms.clinic_intake_request_action"
        )
        action.update(domain=[("lead_id", "=", self.id)], context={"default_lead_id": self.id})
        return action
