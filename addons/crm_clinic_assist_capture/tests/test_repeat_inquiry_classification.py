# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_assist")
class TestRepeatInquiryClassification(ClinicRolesCommon):
    """A second inquiry landing on the open lead is classified like the first one."""

    def test_repeat_inquiry_message_is_classified_on_the_open_lead(self):
        self.lead._clinic_capture_followup(
            {"description": "<p>My bracket came off, can we come in this week?</p>"}, "web"
        )
        reading = self.lead.clinic_message_classification_ids
        self.assertEqual(len(reading), 1)
        self.assertEqual(reading.channel, "web_form")
        self.assertEqual(reading.urgency, "broken_appliance")
        self.assertEqual(self.lead.clinic_urgency, "high")
        # The inquiry is still noted on the lead with a call-back for its owner.
        self.assertTrue(any("bracket came off" in (m.body or "") for m in self.lead.message_ids))
        self.assertTrue(self.lead.activity_ids)

    def test_repeat_inquiry_without_message_adds_no_reading(self):
        self.lead._clinic_capture_followup({"phone": "+13125550100"}, "api")
        self.assertFalse(self.lead.clinic_message_classification_ids)
