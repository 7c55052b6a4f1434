# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest.mock import patch

import requests_mock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import config

from .common import (
    CLINIC_NUMBER,
    PATIENT_NUMBER,
    ROUTE,
    TOKEN,
    TWILIO_URL,
    TwilioCommon,
    TwilioInboundCommon,
)


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsOutgoing(TwilioCommon):
    """Texts go through Odoo's Twilio provider, with consent and quiet hours."""

    def test_no_text_without_consent(self):
        with self.assertRaisesRegex(UserError, "has not agreed to receive text messages"):
            self.lead.action_clinic_sms_followup()

    def test_quiet_hours_hold_texts_until_morning(self):
        partner = self.env["res.partner"].create(
            {"name": "Guardian", "phone": "+1 303-555-0177", "clinic_consent_sms": True}
        )
        self.assertTrue(partner.clinic_consent_sms_date)
        self.lead.partner_id = partner
        with freeze_time("2026-01-14 05:30:00"):  # 22:30 in Denver (MST, UTC-7)
            self.lead.action_clinic_sms_followup()
            # The lead's contact (who gave the consent) gets the text.
            sms = self.env["sms.sms"].search([("number", "=", "+13035550177")])
            self.assertEqual(sms.clinic_send_after, datetime(2026, 1, 14, 15, 0))
            with requests_mock.Mocker() as mocker:
                sms._send(unlink_sent=False)
                self.assertEqual(mocker.call_count, 0)
            self.assertEqual(sms.state, "outgoing")
        with freeze_time("2026-01-14 15:01:00"), requests_mock.Mocker() as mocker:
            mocker.post(TWILIO_URL, json={"sid": "SM" + "2" * 32, "status": "queued"})
            sms._send(unlink_sent=False)
            self.assertEqual(mocker.call_count, 1)

    def test_quiet_hours_window(self):
        Sms = self.env["sms.sms"]
        # January: Denver is UTC-7.
        self.assertIsNone(Sms._clinic_quiet_until(now=datetime(2026, 1, 10, 20, 0)))  # 13:00
        self.assertEqual(  # 07:00 local: later the same morning
            Sms._clinic_quiet_until(now=datetime(2026, 1, 10, 14, 0)), datetime(2026, 1, 10, 15, 0)
        )
        self.assertEqual(  # 21:30 local: next morning
            Sms._clinic_quiet_until(now=datetime(2026, 1, 11, 4, 30)), datetime(2026, 1, 11, 15, 0)
        )


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsInbound(TwilioInboundCommon):
    """Twilio's inbound webhook: signed, threaded, STOP/START/HELP."""

    def test_signed_reply_lands_in_the_lead_chatter_and_notifies_the_coordinator(self):
        response = self._post("Can we move Mia's visit to Friday?")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<Response", response.text)
        message = self.lead.message_ids.filtered(lambda m: "Text message from" in m.body)
        self.assertEqual(len(message), 1)
        self.assertIn(PATIENT_NUMBER, message.body)
        self.assertIn("visit to Friday?", message.body)
        self.assertIn(self.users["treatment_coordinator"].partner_id, message.partner_ids)

    def test_a_family_texting_in_is_a_contact(self):
        self.lead.clinic_last_contact_date = False
        self.assertEqual(self._post("We got your message, thanks").status_code, 200)
        self.assertTrue(self.lead.clinic_last_contact_date, "Last Contacted is set by a text")

    def test_invalid_signature_is_refused_and_nothing_stored(self):
        before = self.env["mail.message"].search_count([])
        response = self._post("Hello", sign=False)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json(), {"error": "invalid signature"})
        self.assertEqual(self.env["mail.message"].search_count([]), before)
        unsigned = self.url_open(self.base_url() + ROUTE, data={"From": PATIENT_NUMBER})
        self.assertEqual(unsigned.status_code, 403)

    def test_stop_start_and_help(self):
        Blacklist = self.env["phone.blacklist"].with_context(active_test=False)
        self.assertEqual(self._post("Stop").status_code, 200)
        entry = Blacklist.search([("number", "=", PATIENT_NUMBER)])
        self.assertTrue(entry.active)
        self.assertTrue(self.lead.phone_sanitized_blacklisted)
        response = self._post("START")
        self.assertIn("receive our text messages again", response.text)
        entry.invalidate_recordset()
        self.assertFalse(entry.active)
        response = self._post("help")
        self.assertIn("+1 303-555-0100", response.text)
        self.assertFalse(self.lead.message_ids.filtered(lambda m: "Text message from" in m.body))

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        params=st.dictionaries(
            st.sampled_from(["From", "To", "Body", "MessageSid", "SmsStatus"])
            | st.text(max_size=8),
            st.text(max_size=60),
            max_size=5,
        ),
        sign=st.booleans(),
    )
    def test_webhook_never_answers_5xx(self, params, sign):
        url = self.base_url() + ROUTE
        clean = {k: v.replace("\x00", "") for k, v in params.items() if "\x00" not in k}
        signature = RequestValidator(TOKEN if sign else "x").compute_signature(url, clean)
        response = self.url_open(url, data=clean, headers={"X-Twilio-Signature": signature})
        self.assertLess(response.status_code, 500, response.text)
        self.assertNotIn("Traceback", response.text)


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsInboundCompanies(TwilioInboundCommon):
    """A text to one clinic's number is matched only with that clinic's leads and contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {"name": "Second Clinic LLC", "country_id": cls.env.ref("base.us").id}
        )

    def _texts(self, record):
        return record.message_ids.filtered(lambda m: "Text message from" in (m.body or ""))

    def test_text_lands_on_the_texted_companys_lead_only(self):
        other = self.env["crm.lead"].create(
            {
                "name": "Second clinic's lead",
                "clinic_first_name": "Mia",
                "clinic_last_name": "Lopez",
                "phone": "(303) 555-0142",
                "country_id": self.env.ref("base.us").id,
                "company_id": self.company_b.id,
                "team_id": False,
                "user_id": False,
                "type": "lead",
            }
        )
        # The newest lead with that phone is the second company's: still not chosen.
        self.assertEqual(self._post("Running late").status_code, 200)
        self.assertFalse(self._texts(other))
        self.assertEqual(len(self._texts(self.lead)), 1)

    def test_a_number_no_company_registered_is_nobodys_when_two_clinics_text(self):
        Lead = self.env["crm.lead"]
        unknown = "+13035550999"
        # One company on Twilio: an unregistered number is that clinic's.
        self.assertEqual(Lead._clinic_sms_company(unknown), self.company)
        self.company_b.write({"sms_provider": "twilio", "sms_twilio_auth_token": "b" * 32})
        self.assertFalse(Lead._clinic_sms_company(unknown))
        self.assertEqual(Lead._clinic_sms_company(CLINIC_NUMBER), self.company)
        # The webhook refuses the text (no token to check it with) and records nothing.
        before = len(self.lead.message_ids)
        self.assertEqual(self._post("Hello", To=unknown).status_code, 403)
        self.assertEqual(len(self.lead.message_ids), before)

    def test_text_never_finds_another_companys_patient(self):
        self.lead.active = False
        patient_b = self.env["res.partner"].create(
            {
                "name": "Mia Lopez",
                "phone": PATIENT_NUMBER,
                "clinic_is_patient": True,
                "company_id": self.company_b.id,
            }
        )
        self.assertEqual(self._post("Hello").status_code, 200)
        self.assertFalse(self._texts(patient_b))


@tagged("post_install", "-at_install", "clinic_sms")
class TestSmsInboundBehindProxy(TwilioInboundCommon):
    """Twilio signs the public URL it called; behind a TLS proxy Odoo must rebuild that URL
    from X-Forwarded-Proto and X-Forwarded-Host (proxy_mode, docs/DEPLOYMENT.md)."""

    PUBLIC_URL = "https://crm.example-clinic.com" + ROUTE
    PROXY = {
        "X-Forwarded-Host": "crm.example-clinic.com",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "54.172.60.1",
    }

    def _post_proxied(self, signed_url, body="Proxied hello"):
        params = {
            "From": PATIENT_NUMBER,
            "To": CLINIC_NUMBER,
            "Body": body,
            "MessageSid": "SM" + "7" * 32,
        }
        signature = RequestValidator(TOKEN).compute_signature(signed_url, params)
        return self.url_open(
            self.base_url() + ROUTE,
            data=params,
            headers={"X-Twilio-Signature": signature, **self.PROXY},
        )

    def _texts(self):
        return self.lead.message_ids.filtered(lambda m: "Text message from" in (m.body or ""))

    def test_signature_is_checked_on_the_public_url_behind_a_proxy(self):
        with patch.dict(config.options, {"proxy_mode": True}):
            response = self._post_proxied(self.PUBLIC_URL)
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(len(self._texts()), 1)
            # A signature over the internal address is not Twilio's: refused.
            internal = self._post_proxied(self.base_url() + ROUTE, body="Forged")
            self.assertEqual(internal.status_code, 403)
        self.assertEqual(len(self._texts()), 1)

    def test_without_proxy_mode_the_public_signature_is_refused(self):
        """Why proxy_mode is needed: Odoo would check the signature on its own address."""
        with patch.dict(config.options, {"proxy_mode": False}):
            response = self._post_proxied(self.PUBLIC_URL)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self._texts())
