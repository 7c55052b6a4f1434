# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import RecordsCommon

XMLID = "crm_records_requests.clinic_records_jurisdiction_"

# Received Friday 30 January 2026; Monday 16 February is a company holiday.
# HIPAA: 30 calendar days -> Sunday 1 March (across the end of February).
# (rule, expected state due date, expected due date = stricter of HIPAA and state)
DUE_DATES = [
    ("us_ca", date(2026, 2, 14), date(2026, 2, 14)),
    # 15 business days skip weekends and the 16 February holiday
    ("us_tx_physician", date(2026, 2, 23), date(2026, 2, 23)),
    ("us_tx_any_ehr", date(2026, 2, 23), date(2026, 2, 23)),
    ("us_ny", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_fl_physician", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_il", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_pa", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_oh", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_ga", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_nc", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_mi", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_nj_physician", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_wa", date(2026, 2, 23), date(2026, 2, 23)),
    ("us_ma", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_az", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_co_practitioner", date(2026, 3, 1), date(2026, 3, 1)),
    ("us_mt", date(2026, 2, 9), date(2026, 2, 9)),
    # Delaware's 45 days are longer than HIPAA's 30: HIPAA wins.
    ("us_de", date(2026, 3, 16), date(2026, 3, 1)),
]


@tagged("post_install", "-at_install")
class TestRecordsDeadlines(RecordsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.company.resource_calendar_id
        calendar.tz = "America/Denver"
        # Midnight to midnight in Denver, stored in UTC (07:00 to 06:59 next day).
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Presidents' Day",
                "calendar_id": calendar.id,
                "date_from": "2026-02-16 07:00:00",
                "date_to": "2026-02-17 06:59:59",
            }
        )

    def test_every_shipped_jurisdiction_has_a_due_date(self):
        shipped = self.env["clinic.records.jurisdiction"].search([("is_federal", "=", False)])
        tested = {self.env.ref(XMLID + code) for code, _state, _due in DUE_DATES}
        self.assertEqual(set(shipped), tested, "each shipped state rule is in the table")
        for code, state_due, due in DUE_DATES:
            with self.subTest(rule=code):
                request = self._request(
                    date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + code).id
                )
                self.assertEqual(request.date_due_hipaa, date(2026, 3, 1))
                self.assertEqual(request.date_due_state, state_due)
                self.assertEqual(request.date_due, due)
                self.assertIn(self.env.ref(XMLID + code).citation, request.deadline_explanation)

    def test_business_days_from_a_saturday_skip_both_weekends(self):
        request = self._request(
            date_received="2026-02-28", jurisdiction_id=self.env.ref(XMLID + "us_wa").id
        )
        self.assertEqual(request.date_due_state, date(2026, 3, 20))

    def test_business_days_without_the_holiday(self):
        self.env["resource.calendar.leaves"].search([("name", "=", "Presidents' Day")]).unlink()
        request = self._request(
            date_received="2026-01-30",
            jurisdiction_id=self.env.ref(XMLID + "us_tx_physician").id,
        )
        self.assertEqual(request.date_due_state, date(2026, 2, 20))

    def test_clinic_state_rule_is_the_default(self):
        request = self._request(date_received="2026-01-30")
        self.assertEqual(request.jurisdiction_id, self.colorado)
        self.company.clinic_records_jurisdiction_id = False
        self.company.state_id = self.env.ref("base.state_us_5")
        request = self._request(date_received="2026-01-30")
        self.assertEqual(request.jurisdiction_id, self.env.ref(XMLID + "us_ca"))
        self.assertEqual(request.date_due, date(2026, 2, 14))

    @freeze_time("2026-02-10")
    def test_days_left_and_overdue(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_mt").id
        )
        self.assertEqual(request.days_left, -1)
        self.assertTrue(request.is_overdue)
        self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
        on_time = self._request(date_received="2026-02-09")
        self.assertEqual(on_time.days_left, 29)  # due 11 March
        self.assertNotIn(on_time, self.Request.search([("is_overdue", "=", True)]))

    def test_extension_adds_hipaa_and_state_extension_days(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_wa").id
        )
        request.write({"extension_notice_date": "2026-02-10", "extension_reason": "Archive"})
        request.action_record_extension()
        self.assertTrue(request.is_extended)
        self.assertEqual(request.date_due_hipaa, date(2026, 3, 31))
        # 15 + 6 business days
        self.assertEqual(request.date_due_state, date(2026, 3, 3))
        self.assertEqual(request.date_due, date(2026, 3, 3))

    def test_extension_cannot_move_a_state_deadline_without_extension(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_ca").id
        )
        request.write({"extension_notice_date": "2026-02-10", "extension_reason": "Archive"})
        request.action_record_extension()
        self.assertEqual(request.date_due_hipaa, date(2026, 3, 31))
        self.assertEqual(request.date_due, date(2026, 2, 14))

    def test_extension_needs_timely_notice_and_happens_once(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_il").id
        )
        with self.assertRaisesRegex(UserError, "written notice"):
            request.action_record_extension()
        request.write({"extension_notice_date": "2026-03-02", "extension_reason": "Archive"})
        with self.assertRaisesRegex(UserError, "within the first deadline"):
            request.action_record_extension()
        self.assertFalse(request.is_extended)
        request.extension_notice_date = "2026-02-27"
        request.action_record_extension()
        self.assertEqual(request.date_due, date(2026, 3, 31))
        with self.assertRaisesRegex(UserError, "already extended"):
            request.action_record_extension()

    def test_outgoing_requests_have_no_legal_deadline(self):
        request = self._request(direction="outgoing", provider_id=self.provider.id)
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.date_due)

    # ------------------------------------------------------------ closed days
    def test_due_date_on_a_weekend_gives_the_friday_before_to_send_by(self):
        # California: 15 calendar days from Friday 30 January is Saturday 14 February.
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_ca").id
        )
        self.assertEqual(request.date_due, date(2026, 2, 14), "the legal due date is not moved")
        self.assertEqual(request.date_send_by, date(2026, 2, 13))
        self.assertIn("weekend or a clinic holiday", request.due_date_warning)
        self.assertIn("Friday 13 February 2026", request.due_date_warning)
        self.assertIn(request.due_date_warning, request.deadline_explanation)

    def test_due_date_on_a_clinic_holiday_steps_back_over_the_weekend(self):
        # 30 days from 17 January: Monday 16 February, Presidents' Day in the clinic's
        # calendar; the business day before it is Friday 13 February.
        request = self._request(date_received="2026-01-17")
        self.assertEqual(request.date_due, date(2026, 2, 16))
        self.assertEqual(request.date_send_by, date(2026, 2, 13))
        self.assertTrue(request.due_date_warning)

    def test_due_date_on_a_business_day_has_no_warning(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_mt").id
        )
        self.assertEqual(request.date_due, date(2026, 2, 9))  # a Monday
        self.assertEqual(request.date_send_by, date(2026, 2, 9))
        self.assertFalse(request.due_date_warning)

    @freeze_time("2026-02-09")
    def test_due_soon_activity_falls_on_the_send_by_day(self):
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_ca").id
        )
        self.Request._cron_check_deadlines()
        self.assertEqual(request.deadline_flag, "due_soon")
        activity = request.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 2, 13))
        self.assertIn("send by", activity.summary)

    # ------------------------------------------------------------ extension notice
    def test_extension_notice_after_a_stricter_state_deadline_is_refused(self):
        # Washington: 15 business days, due Monday 23 February, before HIPAA's 1 March.
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_wa").id
        )
        self.assertEqual(request.date_due, date(2026, 2, 23))
        request.write({"extension_notice_date": "2026-02-25", "extension_reason": "Archive"})
        with self.assertRaisesRegex(UserError, "within the first deadline"):
            request.action_record_extension()
        self.assertFalse(request.is_extended)
        request.extension_notice_date = "2026-02-23"
        request.action_record_extension()
        self.assertTrue(request.is_extended)

    # ------------------------------------------------------------ explanation
    def test_hipaa_only_request_explains_hipaa_once(self):
        federal = self.env.ref(XMLID + "us_fed")
        request = self._request(date_received="2026-01-30", jurisdiction_id=federal.id)
        self.assertEqual(request.deadline_explanation.count(federal.citation), 1)
        self.assertEqual(request.deadline_explanation.count("HIPAA"), 1)
        self.assertNotIn("stricter", request.deadline_explanation)
        self.assertEqual(request.date_due, date(2026, 3, 1))
        self.assertFalse(request.date_due_state)
        self.company.clinic_records_jurisdiction_id = False
        self.company.state_id = False
        no_state = self._request(date_received="2026-01-30")
        self.assertFalse(no_state.jurisdiction_id)
        self.assertEqual(no_state.deadline_explanation.count(federal.citation), 1)
        self.assertNotIn("stricter", no_state.deadline_explanation)

    def test_state_and_hipaa_rules_are_each_listed_once(self):
        rule = self.env.ref(XMLID + "us_wa")
        request = self._request(date_received="2026-01-30", jurisdiction_id=rule.id)
        federal = self.env.ref(XMLID + "us_fed")
        self.assertEqual(request.deadline_explanation.count(federal.citation), 1)
        self.assertEqual(request.deadline_explanation.count(rule.citation), 1)
        self.assertIn("stricter", request.deadline_explanation)


@tagged("post_install", "-at_install")
class TestRecordsHolidays(RecordsCommon):
    """A public holiday a clinic admin adds moves the day to send records by.

    Who keeps holidays (clinic admins, not other staff) is tested in the core
    (crm_ortho_onboarding's test_clinic_settings).
    """

    def _holiday(self, user, **vals):
        values = {
            "name": "Clinic closed",
            "date_from": "2026-02-13 07:00:00",
            "date_to": "2026-02-14 06:59:59",
        }
        values.update(vals)
        Leaves = self.env["resource.calendar.leaves"].with_user(user)
        return Leaves.create(values)

    def test_holiday_kept_by_the_clinic_admin_moves_the_send_by_date(self):
        self.company.resource_calendar_id.tz = "America/Denver"
        request = self._request(
            date_received="2026-01-30", jurisdiction_id=self.env.ref(XMLID + "us_ca").id
        )
        self.assertEqual(request.date_send_by, date(2026, 2, 13))
        self._holiday(self.users["clinic_admin"])  # Friday 13 February, in Denver
        request.date_received = "2026-01-29"
        request.date_received = "2026-01-30"  # recompute
        self.assertEqual(request.date_send_by, date(2026, 2, 12))
