# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import TreatmentPlanCommon


@tagged("post_install", "-at_install", "clinic_treatment_plan")
class TestTreatmentJourney(TreatmentPlanCommon):
    """The specification's implant: stage 1 done, the front desk books stage 2 in 8 weeks;
    not booked within 10 days, a follow-up sequence runs until it is booked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk = cls.users["front_desk"]
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_ortho_onboarding.plan_next_phase_days", "10"
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_clinic_treatment.phase_followup_plan_id", ""
        )

    def _implant_plan(self):
        plan = self._plan(front_desk_user_id=self.front_desk.id)
        plan.action_accept()
        plan.start_event_id = self._event((2026, 3, 2))
        plan.action_start()
        Phase = self.env["clinic.treatment.phase"]
        self.stage1 = Phase.create({"plan_id": plan.id, "name": "Implant stage 1", "sequence": 1})
        self.stage2 = Phase.create(
            {
                "plan_id": plan.id,
                "name": "Implant stage 2",
                "sequence": 2,
                "wait_count": 8,
                "wait_unit": "weeks",
            }
        )
        Procedure = self.env["clinic.treatment.procedure"]
        self.implant = Procedure.create(
            {
                "plan_id": plan.id,
                "phase_id": self.stage1.id,
                "code": "D6010",
                "name": "Implant",
                "tooth_numbers": "14",
                "appointment_id": self._event((2026, 3, 10)).id,
            }
        )
        self.crown = Procedure.create(
            {
                "plan_id": plan.id,
                "phase_id": self.stage2.id,
                "code": "D6065",
                "name": "Implant crown",
                "tooth_numbers": "14",
            }
        )
        return plan

    @staticmethod
    def _said(plan, text):
        return any(text in str(message.body) for message in plan.message_ids)

    def _phase_activities(self, plan, step):
        return plan.activity_ids.filtered(lambda activity: activity.clinic_phase_step == step)

    def test_completing_a_phase_asks_the_front_desk_to_book_the_next(self):
        plan = self._implant_plan()
        self.assertFalse(self._phase_activities(plan, "booking"), "stage 1 is not done yet")
        self.implant.write({"status": "done", "date_done": date(2026, 3, 10)})
        task = self._phase_activities(plan, "booking")
        self.assertEqual(len(task), 1)
        self.assertEqual(task.summary, "Book Implant stage 2 in 8 weeks")
        self.assertEqual(task.user_id, self.front_desk)
        self.assertEqual(task.clinic_treatment_phase_id, self.stage2)
        # Booked within the 10-day window, for a visit 8 weeks after stage 1.
        self.assertEqual(task.date_deadline, date(2026, 3, 20))
        self.assertEqual(self.stage2.date_target, date(2026, 5, 5))
        self.assertIn("on or after", str(task.note))
        plan._clinic_sync_phases()
        self.Plan._cron_clinic_plans_at_risk()
        self.assertEqual(len(self._phase_activities(plan, "booking")), 1, "one task, not one a day")

    def test_a_procedure_that_heals_longer_sets_the_wait(self):
        plan = self._implant_plan()
        self.implant.write({"wait_count": 3, "wait_unit": "months"})
        self.implant.write({"status": "done", "date_done": date(2026, 3, 10)})
        self.assertEqual(self.stage2.date_target, date(2026, 6, 10))
        self.assertEqual(
            self._phase_activities(plan, "booking").summary, "Book Implant stage 2 in 3 months"
        )

    def test_the_booking_task_goes_to_the_coordinator_without_front_desk(self):
        plan = self._implant_plan()
        plan.front_desk_user_id = False
        self.implant.write({"status": "done", "date_done": date(2026, 3, 10)})
        self.assertEqual(self._phase_activities(plan, "booking").user_id, self.coordinator)

    def test_unbooked_phase_starts_the_sequence_which_stops_when_booked(self):
        plan = self._implant_plan()
        self.implant.write({"status": "done", "date_done": date(2026, 3, 10)})
        plan._clinic_update_at_risk(date(2026, 3, 19))
        self.assertFalse(plan.is_at_risk)
        self.assertFalse(self._phase_activities(plan, "followup"), "9 days: still in time")

        plan._clinic_update_at_risk(date(2026, 3, 20))
        self.assertTrue(plan.is_at_risk)
        self.assertEqual(self.stage2.date_followup_started, date(2026, 3, 20))
        steps = self._phase_activities(plan, "followup").sorted("date_deadline")
        self.assertEqual(
            [(s.activity_type_id, s.user_id, s.date_deadline) for s in steps],
            [
                (self.env.ref("mail.mail_activity_data_call"), self.front_desk, date(2026, 3, 20)),
                (
                    self.env.ref("crm_clinic_treatment.mail_activity_type_clinic_text"),
                    self.front_desk,
                    date(2026, 3, 22),
                ),
                (self.env.ref("mail.mail_activity_data_call"), self.front_desk, date(2026, 3, 25)),
                (self.env.ref("mail.mail_activity_data_todo"), self.coordinator, date(2026, 3, 27)),
            ],
        )
        self.assertFalse(
            plan.activity_ids.filtered(lambda a: a.summary == "Treatment plan at risk"),
            "a sequence, not a single to-do",
        )
        self.assertTrue(self._said(plan, "follow-up “Next treatment phase not booked” started"))

        # The daily job again: nothing doubles.
        plan._clinic_update_at_risk(date(2026, 3, 21))
        with freeze_time("2026-03-22"):
            self.Plan._cron_clinic_plans_at_risk()
        self.assertEqual(len(self._phase_activities(plan, "followup")), 4)
        self.assertEqual(len(self._phase_activities(plan, "booking")), 1)

        # The front desk books stage 2: the task is done, the rest of the sequence stops.
        task = self._phase_activities(plan, "booking")
        self.crown.with_user(self.front_desk).appointment_id = self._event((2026, 5, 6))
        self.assertEqual(self.stage2.state, "booked")
        self.assertFalse(plan.activity_ids.filtered("clinic_phase_step"))
        self.assertFalse(task.active)
        self.assertEqual(task.feedback, "Booked")
        self.assertFalse(steps.exists())
        self.assertFalse(plan.is_at_risk, "booked: no longer at risk")
        self.assertTrue(self._said(plan, "Follow-up stopped: Implant stage 2 booked"))

    def test_the_sequence_is_configured_in_the_ui(self):
        sequence = self.env["mail.activity.plan"].create(
            {
                "name": "Short follow-up",
                "res_model": "clinic.treatment.plan",
                "template_ids": [
                    (
                        0,
                        0,
                        {
                            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                            "summary": "One call",
                            "delay_count": 1,
                            "delay_unit": "weeks",
                            "delay_from": "after_plan_date",
                            "responsible_type": "clinic_coordinator",
                        },
                    )
                ],
            }
        )
        # Settings > Treatment plans at risk > "then follow up with".
        field = self.env["res.config.settings"]._fields["clinic_phase_followup_plan_id"]
        self.env["ir.config_parameter"].sudo().set_param(field.config_parameter, sequence.id)
        plan = self._implant_plan()
        self.implant.write({"status": "done", "date_done": date(2026, 3, 10)})
        plan._clinic_update_at_risk(date(2026, 3, 25))
        step = self._phase_activities(plan, "followup")
        self.assertEqual(
            (step.summary, step.user_id, step.date_deadline),
            ("One call", self.coordinator, date(2026, 4, 1)),
        )

    def test_clinic_admin_edits_treatment_sequences_only(self):
        admin = self.users["clinic_admin"]
        shipped = self.env.ref("crm_clinic_treatment.mail_activity_plan_phase_not_booked")
        shipped.with_user(admin).template_ids[:1].delay_count = 1
        self.assertEqual(shipped.template_ids[:1].delay_count, 1)
        # As Odoo's sales managers edit the plans of leads (crm), not the others.
        other = self.env["mail.activity.plan"].create(
            {"name": "Contacts", "res_model": "res.partner"}
        )
        with self.assertRaises(AccessError):  # the record rule: other apps' plans
            other.with_user(admin).name = "Changed"
        with self.assertRaises(AccessError):  # no access row
            shipped.with_user(self.users["front_desk"]).name = "Changed"

    def test_the_patient_shows_where_they_stand(self):
        patient = self.patient
        self.lead.write({"type": "opportunity"})
        self.assertEqual(patient.clinic_journey_stage, "new_lead")
        consult = self.env["calendar.event"].create(
            {
                "name": "Consult",
                "clinic_is_consult": True,
                "opportunity_id": self.lead.id,
                "start": datetime(2026, 3, 1, 9),
                "stop": datetime(2026, 3, 1, 10),
            }
        )
        patient.invalidate_recordset(["clinic_journey_stage"])
        self.assertEqual(patient.clinic_journey_stage, "appointment_scheduled")
        consult.clinic_outcome = "attended"
        patient.invalidate_recordset(["clinic_journey_stage"])
        self.assertEqual(patient.clinic_journey_stage, "consultation_completed")
        plan = self._plan()
        plan.action_accept()
        plan.start_event_id = self._event((2030, 4, 8))
        plan.action_start()
        patient.invalidate_recordset(["clinic_journey_stage"])
        self.assertEqual(patient.clinic_journey_stage, "treatment_in_progress")
        self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D8080", "name": "Braces", "status": "done"}
        )
        plan.action_complete()
        patient.invalidate_recordset(["clinic_journey_stage"])
        self.assertEqual(patient.clinic_journey_stage, "treatment_completed")
        self.env["clinic.recall"].create(
            {
                "patient_id": patient.id,
                "rule_id": self.env.ref("crm_clinic_treatment.clinic_recall_rule_hygiene").id,
                "date_due": date(2030, 10, 1),
            }
        )
        patient.invalidate_recordset(["clinic_journey_stage"])
        self.assertEqual(patient.clinic_journey_stage, "recall_scheduled")
        # On the patient form, as a status bar, for clinic roles.
        Partner = self.env["res.partner"].with_user(self.users["read_only"])
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="clinic_journey_stage"', arch)
        self.assertIn('widget="statusbar"', arch)
        reader = patient.with_user(self.users["read_only"])
        self.assertEqual(reader.clinic_journey_stage, "recall_scheduled")

    def test_the_patients_list_computes_the_stage_in_constant_queries(self):
        patients = self.env["res.partner"].create(
            [{"name": f"Patient {index}", "clinic_is_patient": True} for index in range(6)]
        )
        for patient in patients[:3]:
            self._plan(patient_id=patient.id)

        def queries(ids):
            self.env.invalidate_all()
            records = self.env["res.partner"].browse(ids)  # its own prefetch set
            before = self.env.cr.sql_log_count
            records.mapped("clinic_journey_stage")
            return self.env.cr.sql_log_count - before

        queries(patients.ids)  # warm the caches (access rights, registry)
        self.assertEqual(queries(patients[:2].ids), queries(patients.ids))
