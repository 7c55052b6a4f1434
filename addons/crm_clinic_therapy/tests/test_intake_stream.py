# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


def _make_leads(env, user):
    Lead = env["crm.lead"]
    patient = Lead.create(
        {
            "name": "Stream Patient Lead",
            "clinic_lead_type": "patient",
            "contact_name": "Pat Stream",
            "email_from": "pat.stream@example.com",
            "user_id": user.id,
        }
    )
    practitioner = Lead.create(
        {
            "name": "Stream Practitioner Lead",
            "clinic_lead_type": "practitioner",
            "contact_name": "Prue Stream",
            "email_from": "prue.stream@example.com",
            "user_id": user.id,
        }
    )
    # The tiles count the activities planned here, not the new leads' day-0 calls.
    (patient | practitioner).activity_ids.unlink()
    patient.activity_schedule("mail.mail_activity_data_call", user_id=user.id)
    patient.activity_schedule("mail.mail_activity_data_todo", user_id=user.id)
    practitioner.activity_schedule("mail.mail_activity_data_todo", user_id=user.id)
    return patient, practitioner


@tagged("post_install", "-at_install")
class TestIntakeStream(ClinicRolesCommon):
    """The visuals count open leads and filter the stream; tiles count my activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.specialist = cls.users["treatment_coordinator"]
        cls.lead.activity_ids.unlink()  # the shared lead's day-0 call is the specialist's too
        cls.patient, cls.practitioner = _make_leads(cls.env, cls.specialist)

    def _stream(self):
        Stream = self.env["clinic.intake.stream"].with_user(self.specialist)
        action = Stream.action_clinic_open_stream()
        return Stream.browse(action["res_id"])

    def test_tiles_count_my_tasks_and_calls(self):
        stream = self._stream()
        self.assertEqual(stream.my_call_count, 1)
        self.assertEqual(stream.my_task_count, 2)

    def test_clicking_a_bar_filters_the_stream_and_again_clears_it(self):
        stream = self._stream()
        self.assertIn(self.patient, stream.lead_ids)
        bar = stream.bucket_lead_type_ids.filtered(lambda b: b.value_key == "practitioner")
        self.assertGreaterEqual(bar.lead_count, 1)
        bar.action_apply()
        self.assertEqual(stream.lead_type, "practitioner")
        self.assertIn(self.practitioner, stream.lead_ids)
        self.assertNotIn(self.patient, stream.lead_ids)
        # Other visuals are recounted for practitioners only.
        self.assertEqual(sum(stream.bucket_user_ids.mapped("lead_count")), stream.lead_count)
        stream.bucket_lead_type_ids.filtered(lambda b: b.value_key == "practitioner").action_apply()
        self.assertFalse(stream.lead_type)
        self.assertIn(self.patient, stream.lead_ids)

    def test_week_bar_filters_on_creation_week(self):
        stream = self._stream()
        week = stream.bucket_week_ids[:1]
        week.action_apply()
        self.assertTrue(stream.week_start)
        self.assertIn(self.patient, stream.lead_ids)

    def test_qualified_leads_leave_the_stream(self):
        self.patient.type = "opportunity"
        stream = self._stream()
        self.assertNotIn(self.patient, stream.lead_ids)


@tagged("post_install", "-at_install", "clinic_tour")
class TestIntakeStreamTour(HttpCase):
    """In Chromium: the intake stream filters when a visual is clicked."""

    def test_intake_stream_tour(self):
        user = new_test_user(
            self.env,
            login="tour_stream",
            groups="crm_ortho_onboarding.group_clinic_treatment_coordinator",
        )
        _make_leads(self.env, user)
        self.start_tour(
            "/odoo/clinic-intake-stream", "crm_clinic_therapy_intake_stream", login="tour_stream"
        )
