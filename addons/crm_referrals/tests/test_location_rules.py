# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_security")
class TestReferralLocations(LocationCommon):
    """Referrals and their letters are separated by location, as leads and patients are
    (issue 21, item 8; the demo's Northside coordinator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dentist = cls.env["res.partner"].create(
            {
                "name": "Dr. Location Dentist",
                "email": "location.dentist@example.com",
                "clinic_is_referring_provider": True,
            }
        )
        cls.referral_main, cls.referral_north = cls.env["clinic.referral"].create(
            [
                {"provider_id": cls.dentist.id, "lead_id": cls.lead_main.id},
                {"provider_id": cls.dentist.id, "lead_id": cls.lead_north.id},
            ]
        )

    def test_referrals_by_their_lead(self):
        self.assertEqual(self.referral_north.team_id, self.northside)
        self.assertSeparated(self.referral_main, self.referral_north)

    def test_referral_without_lead_by_its_patient(self):
        for referral, patient in (
            (self.referral_main, self.patient_main),
            (self.referral_north, self.patient_north),
        ):
            referral.write({"lead_id": False, "patient_id": patient.id})
        self.assertSeparated(self.referral_main, self.referral_north)

    def test_letters_follow_their_referral(self):
        # A referral queues its thank-you letter itself (one per event); make one if not.
        main, north = (
            referral.letter_ids[:1]
            or self.env["clinic.referral.letter"].create(
                {"referral_id": referral.id, "provider_id": self.dentist.id, "event": "thank_you"}
            )
            for referral in (self.referral_main, self.referral_north)
        )
        self.assertSeparated(main, north)
