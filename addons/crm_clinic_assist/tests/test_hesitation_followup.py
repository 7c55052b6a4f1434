# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_assist")
class TestHesitationCadence(ClinicRolesCommon):
    """A non-converting consult's hesitation reason schedules that reason's cadence."""

    def _reason(self, code):
        return self.env.ref(f"crm_clinic_assist.clinic_hesitation_reason_{code}")

    def _cadence(self, lead):
        return lead.activity_ids.filtered("clinic_hesitation_step_id").sorted("date_deadline")

    @freeze_time("2026-03-02")
    def test_each_reason_schedules_its_own_steps(self):
        expected = {
            "cost": [1, 7, 30],
            "timing": [14, 45, 90],
            "insurance": [1, 3, 21],
            "confidence": [2, 10, 30],
            "second_opinion": [7, 21],
        }
        for code, offsets in expected.items():
            with self.subTest(reason=code):
                lead = self.lead.copy({"name": f"Hesitant {code}"})
                lead.clinic_hesitation_reason_id = self._reason(code)
                activities = self._cadence(lead)
                self.assertEqual(
                    activities.mapped("date_deadline"),
                    [date(2026, 3, 2) + timedelta(days=d) for d in offsets],
                )
                self.assertEqual(activities.user_id, self.users["treatment_coordinator"])
                self.assertEqual(lead.clinic_hesitation_date, date(2026, 3, 2))
        cost_email = self._cadence(self.lead.copy())
        self.assertFalse(cost_email)

    @freeze_time("2026-03-02")
    def test_steps_name_their_template(self):
        self.lead.clinic_hesitation_reason_id = self._reason("cost")
        email_step = self._cadence(self.lead).filtered(lambda a: "E-mail" in a.summary)
        self.assertIn("hesitation follow-up (cost)", email_step.note)

    def test_a_new_reason_replaces_the_open_steps(self):
        self.lead.clinic_hesitation_reason_id = self._reason("cost")
        self.lead.clinic_hesitation_reason_id = self._reason("second_opinion")
        self.assertEqual(len(self._cadence(self.lead)), 2)
        self.assertEqual(
            self._cadence(self.lead).clinic_hesitation_step_id.reason_id,
            self._reason("second_opinion"),
        )

    def test_reason_recorded_on_the_consult_reaches_the_lead(self):
        start = datetime(2030, 1, 7, 15, 0)
        event = self.env["calendar.event"].create(
            {
                "name": "Consult",
                "start": start,
                "stop": start + timedelta(hours=1),
                "clinic_is_consult": True,
                "opportunity_id": self.lead.id,
            }
        )
        event.with_user(self.users["doctor"]).write({"clinic_outcome": "attended"})
        event.with_user(self.users["doctor"]).write(
            {"clinic_hesitation_reason_id": self._reason("timing").id}
        )
        self.assertEqual(self.lead.clinic_hesitation_reason_id, self._reason("timing"))
        self.assertEqual(len(self._cadence(self.lead)), 3)

    def test_lost_for_no_insurance_starts_the_insurance_cadence(self):
        self.lead.action_set_lost(
            lost_reason_id=self.env.ref(
                "crm_ortho_onboarding.crm_lost_reason_clinic_no_insurance"
            ).id
        )
        self.assertEqual(self.lead.clinic_hesitation_reason_id, self._reason("insurance"))

    def test_step_offset_is_validated(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 365"):
            self._reason("cost").step_ids[0].day_offset = 400

    def test_only_admins_configure_cadences(self):
        reason = self._reason("cost")
        for role in ("read_only", "front_desk", "treatment_coordinator", "doctor", "billing"):
            with self.subTest(role=role):
                self.assertTrue(reason.with_user(self.users[role]).step_ids)
                with self.assertRaises(AccessError):
                    reason.with_user(self.users[role]).write({"name": "Money"})
                with self.assertRaises(AccessError):
                    reason.step_ids[0].with_user(self.users[role]).write({"day_offset": 3})
        reason.with_user(self.users["clinic_admin"]).step_ids[0].day_offset = 2
        self.assertEqual(reason.step_ids.sorted("day_offset")[0].day_offset, 2)


@tagged("post_install", "-at_install", "clinic_assist")
@freeze_time("2026-03-02 08:00:00")
class TestConsultLag(ClinicRolesCommon):
    """Booking far out warns the scheduler (10 days adults, 20 adolescents) with free slots."""

    def _consult(self, days, birthdate, **vals):
        self.lead.clinic_birthdate = birthdate
        start = datetime(2026, 3, 2, 15, 0) + timedelta(days=days)
        return self.env["calendar.event"].create(
            {
                "name": "Consult",
                "start": start,
                "stop": start + timedelta(hours=1),
                "clinic_is_consult": True,
                "opportunity_id": self.lead.id,
                "user_id": self.users["treatment_coordinator"].id,
            }
            | vals
        )

    def test_thresholds_by_age(self):
        adult, teen = date(1990, 5, 1), date(2012, 5, 1)
        cases = [
            (adult, 10, False),
            (adult, 11, True),
            (teen, 20, False),
            (teen, 21, True),
            (teen, 15, False),
            (None, 11, True),
        ]
        for birthdate, days, warned in cases:
            with self.subTest(birthdate=birthdate, days=days):
                event = self._consult(days, birthdate)
                self.assertEqual(bool(event.clinic_lag_warning), warned)
        event = self._consult(21, teen)
        self.assertIn("past 20 days for an adolescent", event.clinic_lag_warning)
        self.assertIn("past 10 days for an adult", self._consult(11, adult).clinic_lag_warning)

    def test_thresholds_are_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.consult_lag_days_adult", "30"
        )
        self.assertFalse(self._consult(25, date(1990, 5, 1)).clinic_lag_warning)

    def test_earliest_free_slots_skip_busy_times(self):
        coordinator = self.users["treatment_coordinator"]
        event = self._consult(15, date(1990, 5, 1))
        slots = event._clinic_earliest_free_slots(10)
        self.assertEqual(len(slots), 3)
        self.assertTrue(all(slot.date() > date(2026, 3, 2) for slot in slots))
        # Block the first slot in the coordinator's calendar: it is no longer offered.
        self.env["calendar.event"].create(
            {
                "name": "Busy",
                "start": slots[0],
                "stop": slots[0] + timedelta(hours=1),
                "partner_ids": [(6, 0, coordinator.partner_id.ids)],
            }
        )
        later = event._clinic_earliest_free_slots(10)
        self.assertNotIn(slots[0], later)
        self.assertEqual(later[0], slots[1])
        self.assertTrue(event.clinic_earliest_slots)

    def test_warning_is_logged_on_the_lead_not_blocking(self):
        event = self._consult(30, date(1990, 5, 1))
        self.assertTrue(event.id)
        self.assertTrue(
            any("days out" in (m.body or "") for m in self.lead.message_ids),
            "the booking lag is noted on the lead",
        )
