# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_sms.tests.common import TwilioInboundCommon


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsInbound(TwilioInboundCommon):
    """Twilio's inbound webhook: the patient's reply is read by the classifier."""

    def test_reply_is_read_for_urgency_and_intent(self):
        """The reply is the patient's words, whoever Odoo records as its author."""
        self.assertFalse(self.lead.clinic_message_urgency)
        self._post("My bracket broke and it really hurts, can I come in today?")
        self.lead.invalidate_recordset()
        reading = self.env["clinic.message.classification"].search([("lead_id", "=", self.lead.id)])
        self.assertEqual(len(reading), 1)
        self.assertTrue(self.lead.clinic_message_urgency)
        self.assertTrue(reading.trigger_words)
