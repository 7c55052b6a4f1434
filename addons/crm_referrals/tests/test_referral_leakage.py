# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install", "clinic_assist")
class TestReferralLeakage(ReferralCommon):
    """A patient referred out is chased until the specialist confirms the visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.surgeon = cls.env["res.partner"].create(
            {"name": "Dr. Oral Surgeon", "email": "surgeon@example.com"}
        )
        cls.patient = cls.env["res.partner"].create({"name": "Leo Out", "clinic_is_patient": True})

    def _refer_out(self):
        with freeze_time("2026-03-02"):
            return self.env["clinic.referral"].create(
                {
                    "direction": "outgoing",
                    "provider_id": self.surgeon.id,
                    "patient_id": self.patient.id,
                    "user_id": self.users["treatment_coordinator"].id,
                    "date_referral": date(2026, 3, 2),
                }
            )

    def _run(self, day):
        with freeze_time(day), self._in_cron():
            self.env["clinic.referral"]._cron_chase_outgoing_referrals()

    def _chases(self, referral):
        return referral.activity_ids.filtered("clinic_is_referral_chase")

    def test_chase_schedule_until_leaked(self):
        referral = self._refer_out()
        self.assertEqual(referral.date_next_chase, date(2026, 3, 5))
        self._run("2026-03-04")
        self.assertFalse(self._chases(referral))
        self._run("2026-03-05")
        self.assertEqual(len(self._chases(referral)), 1)
        self.assertEqual(self._chases(referral).user_id, self.users["treatment_coordinator"])
        self.assertIn("Dr. Oral Surgeon", self._chases(referral).summary)
        self.assertEqual(referral.date_next_chase, date(2026, 3, 9))
        self._run("2026-03-05")  # the same day again: nothing more
        self.assertEqual(len(self._chases(referral)), 1)
        self._run("2026-03-09")
        self._run("2026-03-16")
        self.assertEqual(referral.date_next_chase, date(2026, 4, 1))
        self.assertFalse(referral.is_leaked)
        self._run("2026-04-01")
        self.assertEqual(len(self._chases(referral)), 4)
        self.assertTrue(referral.is_leaked)
        self.assertFalse(referral.date_next_chase)
        self.assertIn("call the patient", self._chases(referral).sorted("id")[-1].summary)

    def test_confirmation_stops_the_chase(self):
        referral = self._refer_out()
        self._run("2026-03-05")
        with freeze_time("2026-03-06"):
            referral.with_user(self.users["front_desk"]).action_confirm_specialist_visit()
        self.assertTrue(referral.specialist_visit_confirmed)
        self.assertEqual(referral.date_specialist_visit, date(2026, 3, 6))
        self.assertFalse(self._chases(referral), "open chases are closed")
        self.assertFalse(referral.date_next_chase)
        self._run("2026-03-09")
        self.assertFalse(self._chases(referral))

    def test_incoming_referrals_are_not_chased(self):
        with freeze_time("2026-03-02"):
            referral = self.env["clinic.referral"].create(
                {"provider_id": self.dentist.id, "patient_id": self.patient.id}
            )
        self.assertFalse(referral.date_next_chase)

    def test_schedule_is_configurable(self):
        self.env["ir.config_parameter"].set_param("crm_referrals.outgoing_chase_days", "1, 2")
        referral = self._refer_out()
        self.assertEqual(referral.date_next_chase, date(2026, 3, 3))
        self._run("2026-03-03")
        self._run("2026-03-04")
        self.assertTrue(referral.is_leaked)

    def test_view_only_roles_cannot_confirm(self):
        referral = self._refer_out()
        for role in ("read_only", "doctor", "billing"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                referral.with_user(self.users[role]).action_confirm_specialist_visit()
