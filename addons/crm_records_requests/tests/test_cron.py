# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsCron(RecordsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Colorado rule: received 2 March 2026 -> due 1 April 2026 (30 calendar days).
        cls.request = cls.Request.create(
            {
                "patient_id": cls.patient.id,
                "date_received": "2026-03-02",
                "user_id": cls.users["front_desk"].id,
            }
        )

    def _activities(self):
        return self.request.activity_ids.sorted("id")

    def test_due_soon_then_overdue_with_escalation(self):
        self.assertEqual(self.request.date_due, date(2026, 4, 1))
        with freeze_time("2026-03-20"):
            self.Request._cron_check_deadlines()
        self.assertEqual(self.request.deadline_flag, "on_track")
        self.assertFalse(self.request.activity_ids)
        with freeze_time("2026-03-28"):
            self.Request._cron_check_deadlines()
            self.Request._cron_check_deadlines()  # a second run plans nothing new
        self.assertEqual(self.request.deadline_flag, "due_soon")
        self.assertEqual(len(self._activities()), 1)
        self.assertEqual(self._activities().user_id, self.users["front_desk"])
        with freeze_time("2026-04-02"):
            self.Request._cron_check_deadlines()
        self.assertEqual(self.request.deadline_flag, "overdue")
        overdue_activity = self._activities()[-1]
        self.assertEqual(overdue_activity.user_id, self.users["clinic_admin"])
        self.assertIn("OVERDUE", overdue_activity.summary)

    def test_closed_requests_are_not_flagged(self):
        self.request.write({"denial_reason": "not_held", "denial_note": "Not ours."})
        self.request.action_deny()
        with freeze_time("2026-04-10"):
            self.Request._cron_check_deadlines()
        self.assertEqual(self.request.deadline_flag, "on_track")
        self.assertFalse(self.request.activity_ids)

    def test_deadline_job_queries_do_not_grow_per_request(self):
        self.Request.create(
            [{"patient_id": self.patient.id, "date_received": "2026-03-02"} for _i in range(3)]
        )
        with freeze_time("2026-03-10"):
            self.Request._cron_check_deadlines()  # warm-up: nothing to flag yet
            self.env.invalidate_all()
            with self.assertQueryCount(3):
                self.Request._cron_check_deadlines()

    def test_outgoing_follow_ups_until_records_arrive(self):
        with freeze_time("2026-03-02"):
            outgoing = self.Request.create(
                {
                    "direction": "outgoing",
                    "patient_id": self.patient.id,
                    "provider_id": self.provider.id,
                    "user_id": self.users["front_desk"].id,
                }
            )
            outgoing.action_send_request()
        self.assertEqual(outgoing.date_next_followup, date(2026, 3, 9))
        with freeze_time("2026-03-05"):
            self.Request._cron_followup_outgoing()
        self.assertEqual(outgoing.followup_count, 0)
        with freeze_time("2026-03-09"):
            self.Request._cron_followup_outgoing()
        self.assertEqual(outgoing.followup_count, 1)
        self.assertEqual(outgoing.date_next_followup, date(2026, 3, 16))
        self.assertEqual(len(outgoing.activity_ids), 2)
        self._add_document(outgoing, "Prior chart")
        outgoing.action_complete()
        with freeze_time("2026-03-30"):
            self.Request._cron_followup_outgoing()
        self.assertEqual(outgoing.followup_count, 1)
