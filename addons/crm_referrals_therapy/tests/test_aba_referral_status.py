# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_referrals.tests.common import ReferralCommon


@tagged("post_install", "-at_install")
class TestAbaReferralStatus(ReferralCommon):
    """The ABA pipeline tells referrals which stages are a consult or a start."""

    def test_aba_stages_say_consult_or_treatment_started(self):
        stages = {
            "crm_stage_clinic_aba_prospect": False,
            "crm_stage_clinic_aba_assessment": "consult",
            "crm_stage_clinic_aba_assessment_review": "consult",
            "crm_stage_clinic_aba_service_authorization": "consult",
            "crm_stage_clinic_aba_completed": "started",
        }
        for xmlid, status in stages.items():
            stage = self.env.ref(f"crm_clinic_therapy.{xmlid}")
            self.assertEqual(stage.clinic_referral_status, status, xmlid)

    def test_aba_assessment_moves_the_referral_to_consult(self):
        aba_team = self.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        lead = self._new_lead(
            "Therapy for Ava",
            team_id=aba_team.id,
            stage_id=self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_prospect").id,
            clinic_referred_by_id=self.dentist.id,
        )
        referral = lead.clinic_referral_ids
        self.assertEqual(referral.status, "referred")
        lead.stage_id = self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_assessment")
        self.assertEqual(referral.status, "consult")
        self.assertIn("consult_summary", referral.letter_ids.mapped("event"))
