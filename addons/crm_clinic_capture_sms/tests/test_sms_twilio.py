# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs

import requests_mock

from odoo.tests import freeze_time, tagged

from odoo.addons.crm_clinic_sms.tests.common import (
    CLINIC_NUMBER,
    PATIENT_NUMBER,
    TWILIO_URL,
    TwilioCommon,
)


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsOutgoing(TwilioCommon):
    """A lead that agreed to texts (web form, API) is texted through Twilio."""

    @freeze_time("2026-03-10 17:00:00")  # 10:00 in Denver
    def test_followup_goes_out_through_twilio(self):
        self.lead.clinic_consent_sms = True
        self.lead.action_clinic_sms_followup()
        sms = self.env["sms.sms"].search([("number", "=", PATIENT_NUMBER)])
        self.assertEqual((sms.state, sms.clinic_send_after), ("outgoing", False))
        self.assertNotIn("diagnos", sms.body.lower())
        with requests_mock.Mocker() as mocker:
            mocker.post(TWILIO_URL, json={"sid": "SM" + "1" * 32, "status": "queued"})
            sms._send(unlink_sent=False)
            self.assertEqual(mocker.call_count, 1)
            sent = parse_qs(mocker.last_request.text)
        self.assertEqual(sent["To"], [PATIENT_NUMBER])
        self.assertEqual(sent["From"], [CLINIC_NUMBER])
        self.assertIn("Reply STOP to opt out", sent["Body"][0])
        self.assertEqual(sms.sms_twilio_sid, "SM" + "1" * 32)
