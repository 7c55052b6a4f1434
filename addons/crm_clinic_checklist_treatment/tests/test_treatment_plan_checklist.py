# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_treatment.tests.common import TreatmentPlanCommon


@tagged("post_install", "-at_install", "clinic_treatment_plan", "clinic_checklist")
class TestTreatmentPlanChecklist(TreatmentPlanCommon):
    """Treatment plan milestones tick the opportunity's onboarding checklist."""

    def _item(self, code):
        return self.lead.clinic_checklist_line_ids.filtered(lambda line: line.event_code == code)

    def test_workflow_and_checklist_milestones(self):
        plan = self._plan(lead_id=self.lead.id, present=False)
        self.assertFalse(self._item("plan_presented").is_done, "a draft is not presented yet")
        plan.action_present()
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
