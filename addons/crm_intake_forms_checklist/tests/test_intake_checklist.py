# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import PNG, IntakeCommon

MEDICAL_ANSWERS = {"is_minor": "No", "conditions": ["Asthma"], "premedication": "No"}


@tagged("post_install", "-at_install", "clinic_checklist")
class TestIntakeChecklist(IntakeCommon):
    """Intake forms sent, completed and consents signed tick the onboarding checklist."""

    def _item(self, lead, code):
        return lead.clinic_checklist_line_ids.filtered(lambda line: line.event_code == code)

    def _opportunity(self):
        self.lead.write(
            {
                "type": "opportunity",
                "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
            }
        )
        self.assertTrue(self.lead.clinic_checklist_line_ids)
        return self.lead

    def test_forms_sent_and_completed_tick_the_items(self):
        lead = self._opportunity()
        self.assertFalse(self._item(lead, "intake_sent").is_done)
        request = self._make_request(self.medical, self.adult, lead_id=lead.id)
        self.assertTrue(self._item(lead, "intake_sent").is_done)
        self.assertFalse(self._item(lead, "intake_completed").is_done)
        self._answer(request, MEDICAL_ANSWERS)
        self.assertEqual(request.state, "done")
        self.assertTrue(self._item(lead, "intake_completed").is_done)

    def _sign(self, patient, category):
        template = self.env.ref(f"crm_intake_forms.intake_template_{category}")
        return self.env["clinic.consent"].create(
            {
                "patient_id": patient.id,
                "survey_id": template.id,
                "consent_type": category,
                "signer_id": patient.id,
                "signer_relation": "self",
                "signature_name": patient.name,
                # Valid only with the drawn signature the consent form requires.
                "signature": PNG,
            }
        )

    def test_all_consents_signed_waits_for_every_required_consent(self):
        lead = self._opportunity()
        packet_consents = lead.team_id.clinic_intake_template_ids.filtered("clinic_is_consent")
        self.assertEqual(
            set(packet_consents.mapped("clinic_intake_category")),
            {
                "hipaa",
                "general_consent",
                "treatment_consent",
                "photo_consent",
                "financial_agreement",
            },
        )
        request = self._make_request(self.general_consent, self.adult)
        self._answer(
            request, {"agree": "I agree", "signer_relation": "Self", "signature": "Olivia Grant"}
        )
        self.assertTrue(self.adult.clinic_consent_ids)
        # The first consent is not all of them.
        self.assertFalse(self._item(lead, "consent_signed").is_done)
        for category in ("hipaa", "treatment_consent", "photo_consent"):
            self._sign(self.adult, category)
            self.assertFalse(self._item(lead, "consent_signed").is_done, category)
        self.assertFalse(self._item(lead, "financial_agreement_signed").is_done)
        self._sign(self.adult, "financial_agreement")
        self.assertTrue(self._item(lead, "financial_agreement_signed").is_done)
        self.assertTrue(self._item(lead, "consent_signed").is_done)

    def test_financial_agreement_ticks_its_item(self):
        lead = self._opportunity()
        item = self._item(lead, "financial_agreement_signed")
        self.assertEqual(item.name, "Financial agreement signed")
        self.assertFalse(item.is_done)
        self._sign(self.adult, "financial_agreement")
        self.assertTrue(item.is_done)
        self.assertFalse(self._item(lead, "consent_signed").is_done)

    def test_a_revoked_consent_does_not_count(self):
        for category in ("hipaa", "general_consent", "treatment_consent", "photo_consent"):
            self._sign(self.adult, category)
        agreement = self._sign(self.adult, "financial_agreement")
        agreement.write({"revoke_reason": "Signed the wrong plan."})
        agreement.action_revoke()
        lead = self._opportunity()
        self.assertFalse(self._item(lead, "consent_signed").is_done)
        self.assertFalse(self._item(lead, "financial_agreement_signed").is_done)

    def test_consents_signed_before_the_checklist_count(self):
        for category in (
            "hipaa",
            "general_consent",
            "treatment_consent",
            "photo_consent",
            "financial_agreement",
        ):
            self._sign(self.adult, category)
        lead = self._opportunity()
        self.assertTrue(self._item(lead, "consent_signed").is_done)
        self.assertTrue(self._item(lead, "financial_agreement_signed").is_done)

    def test_forms_completed_before_the_checklist_count(self):
        request = self._make_request(self.medical, self.adult)
        self._answer(request, MEDICAL_ANSWERS)
        lead = self._opportunity()
        self.assertTrue(self._item(lead, "intake_sent").is_done)
        self.assertTrue(self._item(lead, "intake_completed").is_done)
        self.assertFalse(self._item(lead, "consent_signed").is_done)
