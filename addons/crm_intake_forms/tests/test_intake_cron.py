# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeCron(IntakeCommon):
    """Reminders before the due date, overdue follow-up, expiry and renewal."""

    def _reminder_mails(self, request):
        return self.env["mail.mail"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("subject", "ilike", "Reminder"),
            ]
        )

    def test_reminders_three_and_one_day_before_then_overdue(self):
        with freeze_time("2026-03-01"):
            request = self._make_request(self.medical, self.adult, date_due=date(2026, 3, 10))
        Request = self.env["clinic.intake.request"]
        with freeze_time("2026-03-05"):
            Request._cron_send_reminders()
        self.assertEqual(request.reminder_count, 0)
        with freeze_time("2026-03-07"):
            Request._cron_send_reminders()
            Request._cron_send_reminders()  # a second run the same day sends nothing more
        self.assertEqual(request.reminder_count, 1)
        self.assertEqual(len(self._reminder_mails(request)), 1)
        with freeze_time("2026-03-09"):
            Request._cron_send_reminders()
        self.assertEqual(request.reminder_count, 2)
        self.assertFalse(request.activity_ids)
        with freeze_time("2026-03-11"):
            self.assertTrue(request.is_overdue)
            self.assertIn(request, Request.search([("is_overdue", "=", True)]))
            Request._cron_send_reminders()
            Request._cron_send_reminders()
        self.assertEqual(len(request.activity_ids), 1)
        self.assertEqual(request.activity_ids.user_id, request.user_id)

    def test_completed_form_stops_reminders(self):
        with freeze_time("2026-03-01"):
            request = self._make_request(self.insurance, self.adult, date_due=date(2026, 3, 4))
            self._answer(request, {"has_insurance": "No"})
        with freeze_time("2026-03-03"):
            self.env["clinic.intake.request"]._cron_send_reminders()
        with freeze_time("2026-03-08"):
            self.env["clinic.intake.request"]._cron_send_reminders()
        self.assertEqual(request.reminder_count, 0)
        self.assertFalse(request.activity_ids)

    def test_expired_form_needs_renewal_and_a_new_request_is_sent(self):
        with freeze_time("2026-01-10"):
            request = self._make_request(self.medical, self.adult)
            self._answer(
                request,
                {
                    "is_minor": "No",
                    "takes_medications": "No",
                    "has_allergies": "No",
                    "premedication": "No",
                },
            )
        self.assertEqual(request.date_expiry, date(2027, 1, 10))
        Request = self.env["clinic.intake.request"]
        with freeze_time("2027-01-09"):
            Request._cron_expire_and_renew()
        self.assertEqual(request.state, "done")
        with freeze_time("2027-01-10"):
            Request._cron_expire_and_renew()
        self.assertEqual(request.state, "expired")
        renewal = Request.search([("renewal_of_id", "=", request.id)])
        self.assertEqual(renewal.state, "sent")
        self.assertEqual(renewal.date_due, date(2027, 1, 24))
        # The renewal is prefilled from the expired submission.
        answered = renewal.sudo().user_input_id.user_input_line_ids.question_id.mapped("clinic_key")
        self.assertIn("takes_medications", answered)
        self.assertEqual(self.adult.clinic_intake_expired, 0)
        self.assertEqual(self.adult.clinic_intake_missing, 1)

    def test_completion_risk_rules(self):
        Request = self.env["clinic.intake.request"]
        with freeze_time("2026-03-01 09:00:00"):
            quiet = self._make_request(self.medical, self.adult, date_due=date(2026, 3, 20))
            started = self._make_request(self.insurance, self.adult, date_due=date(2026, 3, 20))
            self._answer(started, {"has_insurance": "Yes"}, submit=False)
            started.sudo().user_input_id.state = "in_progress"
            self.assertFalse(quiet.completion_risk)
            self.assertEqual(started.date_opened, fields.Datetime.now())
        with freeze_time("2026-03-03 10:00:00"):
            (quiet | started).invalidate_recordset(["completion_risk"])
            self.assertEqual(quiet.completion_risk, "not_opened")
            self.assertEqual(started.completion_risk, "stalled")
            at_risk = Request.search([("completion_risk", "!=", False)])
            self.assertIn(quiet, at_risk)
            self.assertIn(started, at_risk)
            self.assertIn(quiet, Request.search([("completion_risk", "=", "not_opened")]))
            self.assertNotIn(started, Request.search([("completion_risk", "=", "not_opened")]))
        with freeze_time("2026-03-18 10:00:00"):
            fresh = self._make_request(self.general_consent, self.adult, date_due=date(2026, 3, 19))
            self.assertEqual(fresh.completion_risk, "due_soon")
