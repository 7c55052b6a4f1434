# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import IntakeCommon

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

    def test_signed_consent_ticks_the_patients_opportunity(self):
        lead = self._opportunity()
        request = self._make_request(self.general_consent, self.adult)
        self.assertFalse(self._item(lead, "consent_signed").is_done)
        self._answer(
            request, {"agree": "I agree", "signer_relation": "Self", "signature": "Olivia Grant"}
        )
        self.assertTrue(self.adult.clinic_consent_ids)
        self.assertTrue(self._item(lead, "consent_signed").is_done)

    def test_forms_completed_before_the_checklist_count(self):
        request = self._make_request(self.medical, self.adult)
        self._answer(request, MEDICAL_ANSWERS)
        lead = self._opportunity()
        self.assertTrue(self._item(lead, "intake_sent").is_done)
        self.assertTrue(self._item(lead, "intake_completed").is_done)
        self.assertFalse(self._item(lead, "consent_signed").is_done)
