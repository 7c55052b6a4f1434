# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_sms.tests.common import TwilioInboundCommon
from odoo.addons.mail.tests.common import mail_new_test_user


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

    def test_the_urgent_note_quoting_a_text_is_hidden_like_the_text(self):
        """Billing and Read Only read neither the family's text nor the note quoting it."""
        self._post("My bracket broke and it really hurts, can I come in today?")
        note = self.lead.message_ids.filtered(lambda m: "Marked urgent" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.clinic_family_text)
        billing = mail_new_test_user(
            self.env,
            login="assist_sms_billing",
            groups="crm_ortho_onboarding.group_clinic_billing,"
            "crm_ortho_onboarding.group_clinic_all_locations",
        )
        seen = (
            self.env["mail.message"]
            .with_user(billing)
            .search([("model", "=", "crm.lead"), ("res_id", "=", self.lead.id)])
        )
        self.assertFalse(seen.filtered(lambda m: "Marked urgent" in (m.body or "")))
        self.assertFalse(seen.filtered(lambda m: "bracket" in (m.body or "")))
