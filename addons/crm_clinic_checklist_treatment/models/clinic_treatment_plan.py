# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicTreatmentPlan(models.Model):
    """A plan presented, accepted and its start appointment booked tick the checklist."""

    _inherit = "clinic.treatment.plan"

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans.filtered(lambda plan: plan.state != "draft")._clinic_plan_event("plan_presented")
        plans.filtered("start_event_id")._clinic_plan_event("first_appointment_scheduled")
        return plans

    def write(self, vals):
        res = super().write(vals)
        if vals.get("start_event_id"):
            self._clinic_plan_event("first_appointment_scheduled")
        return res

    def action_present(self):
        res = super().action_present()
        self._clinic_plan_event("plan_presented")
        return res

    def action_accept(self):
        res = super().action_accept()
        self._clinic_plan_event("plan_accepted")
        return res

    def _clinic_plan_event(self, event_code):
        """Report a plan milestone to the onboarding checklist: on the opportunity when
        the plan has one, else on the patient's open opportunities."""
        with_lead = self.filtered("lead_id")
        with_lead.lead_id._clinic_checklist_event(event_code)
        (self - with_lead).patient_id._clinic_checklist_event(event_code)
