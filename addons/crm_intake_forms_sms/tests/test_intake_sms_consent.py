# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeSmsConsent(IntakeCommon):
    """A phone-only family gets the intake link by SMS only if they agreed to texts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian.write({"email": False, "phone": "+13035550177"})

    def _send(self):
        wizard = self.env["clinic.intake.send"].create(
            {
                "patient_id": self.minor.id,
                "recipient_id": self.guardian.id,
                "survey_ids": [(6, 0, self.medical.ids)],
            }
        )
        self.assertTrue(wizard.send_sms, "a recipient with only a phone is reached by SMS")
        wizard.action_send()
        return self.env["clinic.intake.request"].search([("recipient_id", "=", self.guardian.id)])

    def test_no_consent_to_texts_no_link_by_sms(self):
        with self.assertRaisesRegex(UserError, "has not agreed to receive text messages"):
            self._send()
        self.assertFalse(self.env["sms.sms"].search([("number", "=", "+13035550177")]))

    def test_consent_to_texts_sends_the_link_by_sms(self):
        self.guardian.clinic_consent_sms = True
        request = self._send()
        sms = self.env["sms.sms"].search([("number", "=", "+13035550177")])
        self.assertEqual(len(sms), 1)
        self.assertIn(f"/intake/{request.packet_token}", sms.body)
        self.assertTrue(request.link_by_sms)
        self.assertEqual(request.state, "sent")
