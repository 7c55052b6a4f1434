# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import TreatmentPlanCommon


@tagged("post_install", "-at_install", "clinic_treatment_plan")
class TestTreatmentPlans(TreatmentPlanCommon):
    """Treatment plans: teeth, workflow and at-risk rules."""

    def test_tooth_numbers_are_universal_numbers(self):
        plan = self._plan()
        procedure = self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D6010", "name": "Implant", "tooth_numbers": "3; 14 a,#30"}
        )
        self.assertEqual(procedure.tooth_numbers, "3, 14, A, 30")
        for bad in ("33", "0", "U", "14, 3x"):
            with self.assertRaisesRegex(ValidationError, "1 to 32 for permanent teeth and A to T"):
                procedure.tooth_numbers = bad
        with self.assertRaisesRegex(ValidationError, "33, Z"):
            procedure.tooth_numbers = "2, 33, Z"
        self.assertEqual(procedure.tooth_numbers, "3, 14, A, 30", "nothing half-written")

    def test_workflow_from_presented_to_completed(self):
        # The checklist milestones of this workflow: crm_clinic_checklist_treatment.
        plan = self._plan(lead_id=self.lead.id)
        self.assertEqual(plan.patient_id, self.patient)
        with self.assertRaisesRegex(UserError, "cannot be started"):
            plan.action_start()
        plan.action_accept()
        self.assertEqual(plan.state, "accepted")
        plan.start_event_id = self._event((2026, 5, 4))
        plan.action_start()
        self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D8080", "name": "Braces", "fee": 5200}
        )
        self.assertEqual(plan.amount_total, 5200)
        with self.assertRaisesRegex(UserError, "D8080 Braces"):
            plan.action_complete()
        plan.procedure_ids.status = "done"
        plan.action_complete()
        self.assertEqual(plan.state, "completed")

    def test_decline_needs_a_reason_and_feeds_the_followup_list(self):
        plan = self._plan()
        with self.assertRaisesRegex(UserError, "why the patient declined"):
            plan.action_decline()
        plan.decline_reason = "Cost"
        plan.action_decline()
        followup = self.env.ref("crm_clinic_treatment.clinic_treatment_plan_action_followup")
        self.assertIn(plan, self.Plan.search(safe_eval(followup.domain)))
        plan.action_schedule_followup()
        self.assertEqual(plan.activity_ids.user_id, self.users["treatment_coordinator"])

    def test_accepted_plan_without_start_appointment_is_at_risk(self):
        with freeze_time("2026-04-01"):
            plan = self._plan()
            plan.action_accept()
        plan._clinic_update_at_risk(date(2026, 4, 7))
        self.assertFalse(plan.is_at_risk, "6 days: still in time")
        plan._clinic_update_at_risk(date(2026, 4, 8))
        self.assertTrue(plan.is_at_risk)
        self.assertIn("no start appointment", plan.at_risk_reason)
        self.assertEqual(plan.activity_ids.summary, "Treatment plan at risk")
        plan._clinic_update_at_risk(date(2026, 4, 9))
        self.assertEqual(len(plan.activity_ids), 1, "one to-do, not one a day")
        plan.start_event_id = self._event((2026, 4, 20))
        plan._clinic_update_at_risk(date(2026, 4, 9))
        self.assertFalse(plan.is_at_risk)

    def test_next_phase_not_booked_in_time_is_at_risk(self):
        plan = self._plan(start_event_id=self._event((2026, 3, 2)).id)
        plan.action_accept()
        plan.action_start()
        Phase = self.env["clinic.treatment.phase"]
        stage1 = Phase.create({"plan_id": plan.id, "name": "Implant stage 1", "sequence": 1})
        stage2 = Phase.create(
            {"plan_id": plan.id, "name": "Implant stage 2", "sequence": 2, "at_risk_days": 10}
        )
        Procedure = self.env["clinic.treatment.procedure"]
        Procedure.create(
            {
                "plan_id": plan.id,
                "phase_id": stage1.id,
                "code": "D6010",
                "name": "Implant",
                "tooth_numbers": "14",
                "status": "done",
                "date_done": date(2026, 3, 10),
            }
        )
        second = Procedure.create(
            {
                "plan_id": plan.id,
                "phase_id": stage2.id,
                "code": "D6057",
                "name": "Abutment",
                "tooth_numbers": "14",
            }
        )
        self.assertEqual((stage1.state, stage2.state), ("done", "pending"))
        plan._clinic_update_at_risk(date(2026, 3, 19))
        self.assertFalse(plan.is_at_risk)
        plan._clinic_update_at_risk(date(2026, 3, 20))
        self.assertTrue(plan.is_at_risk)
        self.assertEqual(
            plan.at_risk_reason,
            "Implant stage 2 not booked 10 days after Implant stage 1 was done.",
        )
        second.appointment_id = self._event((2026, 3, 25))
        self.assertEqual((second.status, stage2.state), ("scheduled", "booked"))
        plan._clinic_update_at_risk(date(2026, 3, 21))
        self.assertFalse(plan.is_at_risk)

    def test_cron_flags_plans_at_risk(self):
        with freeze_time("2026-01-05"):
            plan = self._plan()
            plan.action_accept()
        with freeze_time("2026-02-01"):
            self.Plan._cron_clinic_plans_at_risk()
        self.assertTrue(plan.is_at_risk)
        at_risk = self.env.ref("crm_clinic_treatment.clinic_treatment_plan_action_at_risk")
        self.assertEqual(at_risk.context, "{'search_default_filter_at_risk': 1}")

    def test_roles_on_treatment_plans(self):
        plan = self._plan()
        plan.with_user(self.users["read_only"]).read(["name"])
        plan.with_user(self.users["billing"]).read(["amount_total"])
        for role in ("read_only", "billing"):
            with self.assertRaises(AccessError):
                plan.with_user(self.users[role]).name = "Changed"
            with self.assertRaises(AccessError):
                self.Plan.with_user(self.users[role]).create(
                    {"name": "X", "patient_id": self.patient.id}
                )
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.users["front_desk"]).create(
                {"name": "X", "patient_id": self.patient.id}
            )
        doctor_plan = self.Plan.with_user(self.users["doctor"]).create(
            {"name": "Aligners", "patient_id": self.patient.id}
        )
        self.env["clinic.treatment.procedure"].with_user(self.users["doctor"]).create(
            {"plan_id": doctor_plan.id, "code": "D8090", "name": "Aligners", "fee": 4800}
        )
        with self.assertRaises(AccessError):
            doctor_plan.with_user(self.users["treatment_coordinator"]).unlink()
        plan.with_user(self.users["front_desk"]).start_event_id = self._event((2026, 6, 1))
        doctor_plan.with_user(self.users["clinic_admin"]).unlink()
