# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeCronBatches(IntakeCommon):
    """More due requests than one batch: every one is reminded, exactly once."""

    def test_reminders_beyond_one_batch_are_all_sent_once(self):
        patients = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch Patient {index}",
                    "email": f"batch{index}@example.com",
                    "clinic_is_patient": True,
                    "clinic_birthdate": date(1990, 1, index + 1),
                }
                for index in range(5)
            ]
        )
        with freeze_time("2026-03-01"):
            requests = [
                self._make_request(self.medical, patient, date_due=date(2026, 3, 10))
                for patient in patients
            ]
        Request = self.env["clinic.intake.request"]
        with freeze_time("2026-03-07"):
            self.assertEqual(Request._cron_send_reminders(batch_size=2), 5)
            self.assertEqual(Request._cron_send_reminders(batch_size=2), 0)
        for request in requests:
            self.assertEqual(request.reminder_count, 1, request.recipient_id.name)
            reminders = self.env["mail.mail"].search(
                [
                    ("model", "=", request._name),
                    ("res_id", "=", request.id),
                    ("subject", "ilike", "Reminder"),
                ]
            )
            self.assertEqual(len(reminders), 1, request.recipient_id.name)
