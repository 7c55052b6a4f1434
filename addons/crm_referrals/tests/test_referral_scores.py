# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.tests import freeze_time, tagged

from odoo.addons.crm_referrals.models.referral_tools import lapse_threshold, referral_score

from .common import ReferralCommon

TODAY = date(2026, 6, 1)


def days_ago(*days):
    return [TODAY - timedelta(days=d) for d in days]


@tagged("post_install", "-at_install")
class TestReferralScores(ReferralCommon):
    def test_steady_converting_referrer_scores_high(self):
        score, facts = referral_score(days_ago(10, 40, 70, 100, 130, 160, 190, 220), 6, 6, TODAY)
        self.assertEqual(facts["recency"], 30)
        self.assertEqual(facts["frequency"], 20)  # 8 of 12 a year
        self.assertEqual(facts["conversion"], 25)
        self.assertEqual(facts["trend"], 15)  # 6 recent vs 2 before: capped at double
        self.assertEqual(score, 90)

    def test_cooling_referrer_loses_recency_and_trend(self):
        score, facts = referral_score(days_ago(200, 230, 260, 290), 1, 4, TODAY)
        self.assertEqual(facts["recent"], 0)
        self.assertEqual(facts["trend"], 0)
        self.assertLess(facts["recency"], 16)
        self.assertLess(score, 40)

    def test_no_referral_scores_zero(self):
        self.assertEqual(referral_score([], 0, 0, TODAY), (0, {}))

    def test_lapse_needs_a_cadence(self):
        self.assertIsNone(lapse_threshold(days_ago(10, 40)))
        self.assertEqual(lapse_threshold(days_ago(100, 130, 170, 200)), 60)  # 2 x median 30

    def _history(self, provider, *days):
        Referral = self.env["clinic.referral"].with_context(clinic_referral_no_auto_letter=True)
        for n, day in enumerate(days):
            Referral.create(
                {
                    "provider_id": provider.id,
                    "patient_name": f"Patient {n}",
                    "date_referral": date.today() - timedelta(days=day),
                }
            )

    @freeze_time(TODAY)
    def test_score_and_reasons_are_stored_on_the_provider(self):
        self._history(self.dentist, 5, 35, 65)
        self.assertTrue(self.dentist.clinic_referral_score > 0)
        reasons = self.dentist.clinic_referral_score_reasons
        self.assertIn("Recency 30/30: last referral 5 days ago.", reasons)
        self.assertIn("3 referral(s) in the last 12 months", reasons)
        self.assertFalse(self.dentist.clinic_referral_is_lapsed)

    def test_lapsed_referrer_gets_one_activity_for_the_liaison(self):
        liaison = self.users["clinic_admin"]
        self.dentist.user_id = liaison
        with freeze_time(TODAY - timedelta(days=60)):
            self._history(self.dentist, 40, 70, 100, 130)  # every 30 days, then silence
        self.assertFalse(self.dentist.clinic_referral_is_lapsed, "40 days: not yet")
        Partner = self.env["res.partner"]
        with freeze_time(TODAY + timedelta(days=1)), self._in_cron():
            Partner._cron_clinic_referral_scores()
        self.assertTrue(self.dentist.clinic_referral_is_lapsed)
        self.assertIn("Lapsed", self.dentist.clinic_referral_score_reasons)
        activity = self.dentist.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, liaison)
        self.assertEqual(activity.summary, "Lapsed referrer: reach out")
        with freeze_time(TODAY + timedelta(days=2)), self._in_cron():
            Partner._cron_clinic_referral_scores()
        self.assertEqual(len(self.dentist.activity_ids), 1, "no second alert while still lapsed")

    @freeze_time(TODAY)
    def test_new_referral_ends_the_lapse(self):
        self._history(self.dentist, 100, 130, 160, 190)
        self.dentist._clinic_update_referral_scores()
        self.assertTrue(self.dentist.clinic_referral_is_lapsed)
        self._new_lead(clinic_referred_by_id=self.dentist.id)
        self.assertFalse(self.dentist.clinic_referral_is_lapsed)
