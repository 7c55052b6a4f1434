# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralAttribution(ReferralCommon):
    def test_referred_by_on_new_lead_creates_the_referral(self):
        # The website form and the API create leads: attribution lives in create().
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        referral = lead.clinic_referral_ids
        self.assertEqual(len(referral), 1)
        self.assertRecordValues(
            referral,
            [
                {
                    "provider_id": self.dentist.id,
                    "practice_id": self.practice.id,
                    "referrer_kind": "provider",
                    "direction": "incoming",
                    "status": "referred",
                    "patient_name": "Leo Test",
                }
            ],
        )
        self.assertEqual(lead.source_id, self.env.ref("crm_referrals.utm_source_doctor_referral"))
        self.assertEqual(lead.source_id.name, "Doctor referral")
        self.assertEqual(lead.clinic_referral_account_id, self.practice)
        self.assertTrue(referral.name.startswith("REF-"))

    def test_lead_created_at_consult_starts_at_consult(self):
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id, stage_id=self.stage_consult.id)
        referral = lead.clinic_referral_ids
        self.assertEqual(referral.status, "consult")
        self.assertIn("consult_summary", referral.letter_ids.mapped("event"))

    def test_recruiting_lead_referrer_is_not_a_patient_referral(self):
        lead = self._new_lead(
            clinic_lead_type="practitioner",
            stage_id=False,
            clinic_referred_by_id=self.dentist.id,
        )
        self.assertFalse(lead.clinic_referral_ids)

    def test_front_desk_sets_referred_by_on_the_lead_form(self):
        lead = self._new_lead()
        with Form(lead.with_user(self.users["front_desk"])) as form:
            form.clinic_referred_by_id = self.dentist
        self.assertEqual(lead.clinic_referral_ids.provider_id, self.dentist)
        self.assertEqual(lead.source_id.name, "Doctor referral")

    def test_website_or_api_lead_is_attributed(self):
        # Public entry points create the lead as superuser from the public user's request.
        public = self.env.ref("base.public_user")
        lead = (
            self.env["crm.lead"]
            .with_user(public)
            .sudo()
            .create(
                {
                    "name": "Web inquiry",
                    "clinic_lead_type": "patient",
                    "clinic_first_name": "Wendy",
                    "clinic_last_name": "Web",
                    "clinic_referred_by_id": self.dentist.id,
                }
            )
        )
        self.assertEqual(lead.clinic_referral_ids.provider_id, self.dentist)
        self.assertEqual(lead.source_id.name, "Doctor referral")
        self.assertEqual(lead.clinic_referral_ids.letter_ids.event, "thank_you")

    def test_family_referrer_is_thanked_but_gets_no_clinical_letters(self):
        lead = self._new_lead(clinic_referred_by_id=self.aunt.id)
        lead.stage_id = self.stage_consult
        self.assertEqual(lead.clinic_referral_ids.letter_ids.mapped("event"), ["thank_you"])

    def test_family_referral_is_a_patient_referral(self):
        lead = self._new_lead(clinic_referred_by_id=self.aunt.id)
        self.assertEqual(lead.clinic_referral_ids.referrer_kind, "patient")
        self.assertEqual(lead.source_id, self.env.ref("crm_referrals.utm_source_patient_referral"))
        self.assertFalse(self.aunt.clinic_is_referring_provider)

    def test_unknown_doctor_with_npi_joins_the_directory(self):
        doctor = self.env["res.partner"].create({"name": "Dr. New", "clinic_npi": "1111111112"})
        self._new_lead(clinic_referred_by_id=doctor.id)
        self.assertTrue(doctor.clinic_is_referring_provider)

    def test_corrected_referrer_repoints_the_referral(self):
        lead = self._new_lead(clinic_referred_by_id=self.aunt.id)
        lead.clinic_referred_by_id = self.dentist
        self.assertEqual(len(lead.clinic_referral_ids), 1)
        self.assertEqual(lead.clinic_referral_ids.provider_id, self.dentist)
        self.assertEqual(lead.clinic_referral_ids.referrer_kind, "provider")
        self.assertEqual(len(lead.clinic_referral_ids.letter_ids), 1, "one thank-you, re-made")

    def test_referral_without_provider_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "who referred the patient"):
            self.env["clinic.referral"].create({"patient_name": "Nobody"})

    def test_referral_status_follows_the_lead(self):
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        referral = lead.clinic_referral_ids
        lead.stage_id = self.stage_consult
        self.assertEqual(referral.status, "consult")
        self.assertTrue(referral.date_consult)
        self.assertIn("consult_summary", referral.letter_ids.mapped("event"))
        lead.action_set_won()
        self.assertEqual(referral.status, "started")
        self.assertTrue(referral.is_converted)
        self.assertIn("treatment_started", referral.letter_ids.mapped("event"))
        referral.action_mark_completed()
        self.assertEqual(referral.status, "completed")
        self.assertIn("treatment_completed", referral.letter_ids.mapped("event"))

    def test_orthodontic_stages_say_consult_or_treatment_started(self):
        """The shipped pipeline tells referrals which stages are a consult or a start."""
        stages = {
            "crm_stage_clinic_ortho_inquiry": False,
            "crm_stage_clinic_ortho_consult_scheduled": "consult",
            "crm_stage_clinic_ortho_exam": "consult",
            "crm_stage_clinic_ortho_presented": "consult",
            "crm_stage_clinic_ortho_contract": "consult",
            "crm_stage_clinic_ortho_started": "started",
        }
        for xmlid, status in stages.items():
            stage = self.env.ref(f"crm_ortho_onboarding.{xmlid}")
            self.assertEqual(stage.clinic_referral_status, status, xmlid)

    def test_lost_lead_means_not_started(self):
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        lead.action_set_lost()
        self.assertEqual(
            lead.with_context(active_test=False).clinic_referral_ids.status, "not_started"
        )

    def test_merging_two_provider_partners_keeps_all_referrals(self):
        twin = self.env["res.partner"].create(
            {"name": "Dr. Test Dentist", "email": "dentist@smiles.example.com"}
        )
        self._new_lead(clinic_referred_by_id=self.dentist.id)
        self._new_lead("Braces for Mia", clinic_referred_by_id=twin.id)
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (self.dentist | twin).ids, self.dentist
        )
        referrals = self.env["clinic.referral"].search([("provider_id", "=", self.dentist.id)])
        self.assertEqual(len(referrals), 2)
