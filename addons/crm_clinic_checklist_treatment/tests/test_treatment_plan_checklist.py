# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_treatment_plan", "clinic_checklist")
class TestTreatmentPlanChecklist(ClinicRolesCommon):
    """Treatment plan milestones tick the opportunity's onboarding checklist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create(
            {"name": "Mia Lopez", "clinic_is_patient": True, "email": "mia@example.com"}
        )
        cls.lead.write(
            {
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "clinic_patient_id": cls.patient.id,
            }
        )
        cls.Plan = cls.env["clinic.treatment.plan"]

    def _plan(self, **values):
        return self.Plan.create(
            {
                "name": "Implant #14",
                "patient_id": self.patient.id,
                "user_id": self.users["treatment_coordinator"].id,
                **values,
            }
        )

    def _event(self, day):
        return self.env["calendar.event"].create(
            {"name": "Treatment", "start": datetime(*day, 9), "stop": datetime(*day, 10)}
        )

    def _item(self, code):
        return self.lead.clinic_checklist_line_ids.filtered(lambda line: line.event_code == code)

    def test_workflow_and_checklist_milestones(self):
        plan = self._plan(lead_id=self.lead.id)
        self.assertTrue(self._item("plan_presented").is_done)
        self.assertFalse(self._item("plan_accepted").is_done)
        plan.action_accept()
        self.assertTrue(self._item("plan_accepted").is_done)
        self.assertFalse(self._item("first_appointment_scheduled").is_done)
        plan.start_event_id = self._event((2026, 5, 4))
        self.assertTrue(self._item("first_appointment_scheduled").is_done)

    def test_plan_without_opportunity_ticks_the_patients_opportunity(self):
        plan = self._plan()
        self.assertFalse(plan.lead_id)
        self.assertTrue(self._item("plan_presented").is_done)
        plan.action_accept()
        self.assertTrue(self._item("plan_accepted").is_done)
