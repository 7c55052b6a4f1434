# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

import requests_mock

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.sms_twilio.tools.sms_twilio import generate_twilio_sms_callback_signature

from .common import (
    CLINIC_NUMBER,
    PATIENT_NUMBER,
    WHATSAPP_SENDER,
    FakeTwilio,
    TwilioCommon,
    TwilioInboundCommon,
)

DAYTIME = "2026-03-10 17:00:00"  # 11:00 in Denver (MDT, UTC-6)
WA_PATIENT = f"whatsapp:{PATIENT_NUMBER}"
WA_CLINIC = f"whatsapp:{WHATSAPP_SENDER}"


class WhatsAppCommon(TwilioCommon):
    """The clinic has a WhatsApp sender; the lead's guardian agreed to WhatsApp."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.clinic_whatsapp_number = WHATSAPP_SENDER
        cls.guardian = cls.env["res.partner"].create(
            {
                "name": "Ana Lopez",
                "phone": "+1 303-555-0142",
                "country_id": cls.env.ref("base.us").id,
                "clinic_consent_whatsapp": True,
            }
        )
        cls.lead.partner_id = cls.guardian

    def _send_whatsapp(self, lead=None, body=None):
        """Send WhatsApp as a user does: the lead's button, then the editor's button."""
        lead = lead or self.lead
        action = lead.action_clinic_whatsapp()
        composer = (
            self.env["sms.composer"].with_user(lead.env.user).with_context(**action["context"])
        ).create({"body": body} if body else {})
        composer.action_send_sms()
        return composer

    def _queued(self, **domain):
        return self.env["sms.sms"].search(
            [("number", "=", PATIENT_NUMBER), *[(k, "=", v) for k, v in domain.items()]]
        )


@tagged("post_install", "-at_install", "clinic_sms")
class TestWhatsAppOutgoing(WhatsAppCommon):
    """WhatsApp goes through Odoo's SMS queue and Twilio's Messages API, whatsapp: addresses."""

    @freeze_time(DAYTIME)
    def test_send_whatsapp_goes_out_on_twilio_whatsapp_addresses(self):
        composer = self._send_whatsapp()
        self.assertIn("Reply STOP to opt out", composer.body)  # the follow-up text, first
        sms = self._queued()
        self.assertEqual(len(sms), 1)
        self.assertEqual(
            (sms.clinic_whatsapp, sms.state, sms.clinic_send_after), (True, "outgoing", False)
        )
        self.assertEqual(sms.partner_id, self.guardian)
        # Logged in the lead's chatter as a message to the family, labelled WhatsApp.
        message = sms.mail_message_id
        self.assertEqual((message.model, message.res_id), ("crm.lead", self.lead.id))
        self.assertEqual(message.message_type, "sms")
        self.assertIn("<strong>WhatsApp</strong>", message.body)
        self.assertIn("Reply STOP to opt out", message.body)
        self.assertNotIn("WhatsApp", sms.body)
        self.assertTrue(self.lead.clinic_last_contact_date)
        with requests_mock.Mocker() as mocker:
            twilio = FakeTwilio(mocker)
            sms._send(unlink_sent=False)
        self.assertEqual(len(twilio.requests), 1)
        sent = twilio.requests[0]
        self.assertEqual(sent["To"], WA_PATIENT)
        self.assertEqual(sent["From"], WA_CLINIC)
        self.assertEqual(sent["Body"], sms.body)
        # Delivery reports come back on Odoo's own signed status callback.
        self.assertTrue(sent["StatusCallback"].endswith(f"/sms_twilio/status/{sms.uuid}"))
        self.assertEqual(sms.state, "pending")
        self.assertEqual(sms.sms_twilio_sid, "SM" + "1".zfill(32))

    @freeze_time(DAYTIME)
    def test_texts_and_whatsapp_of_one_batch_keep_their_own_addresses(self):
        self.guardian.clinic_consent_sms = True
        self.lead._clinic_send_sms_template("crm_clinic_sms.sms_template_clinic_followup")
        self._send_whatsapp(body="See you at 4 pm on Friday.")
        queued = self._queued()
        self.assertEqual(sorted(queued.mapped("clinic_whatsapp")), [False, True])
        with requests_mock.Mocker() as mocker:
            twilio = FakeTwilio(mocker)
            queued.send(unlink_sent=False)
        addresses = sorted((sent["From"], sent["To"]) for sent in twilio.requests)
        self.assertEqual(addresses, [(CLINIC_NUMBER, PATIENT_NUMBER), (WA_CLINIC, WA_PATIENT)])
        whatsapp = next(sent for sent in twilio.requests if sent["To"] == WA_PATIENT)
        self.assertEqual(whatsapp["Body"], "See you at 4 pm on Friday.")

    def test_whatsapp_needs_its_own_consent(self):
        """Agreeing to texts does not cover WhatsApp (WhatsApp asks for an opt-in of its own)."""
        self.guardian.write({"clinic_consent_whatsapp": False, "clinic_consent_sms": True})
        self.assertFalse(self.guardian.clinic_consent_whatsapp_date)
        with self.assertRaisesRegex(UserError, "has not agreed to receive WhatsApp messages"):
            self.lead.action_clinic_whatsapp()
        with self.assertRaisesRegex(UserError, "has not agreed to receive WhatsApp messages"):
            self.lead._clinic_send_whatsapp("Hello")
        self.assertFalse(self._queued())
        self.guardian.clinic_consent_whatsapp = True
        self.assertTrue(self.guardian.clinic_consent_whatsapp_date)
        self.lead._clinic_send_whatsapp("Hello")
        self.assertEqual(len(self._queued(clinic_whatsapp=True)), 1)

    def test_no_whatsapp_nor_text_after_stop(self):
        self.guardian.clinic_consent_sms = True
        self.env["phone.blacklist"]._add([PATIENT_NUMBER])
        with self.assertRaisesRegex(UserError, "replied STOP"):
            self.lead.action_clinic_whatsapp()
        with self.assertRaisesRegex(UserError, "replied STOP"):
            self.lead.action_clinic_sms_followup()
        self.assertFalse(self._queued())

    def test_no_whatsapp_without_the_clinics_sender(self):
        self.company.clinic_whatsapp_number = False
        with self.assertRaisesRegex(UserError, "WhatsApp is not set up for"):
            self.lead.action_clinic_whatsapp()

    def test_sender_is_kept_in_international_format(self):
        self.company.clinic_whatsapp_number = "whatsapp:+1 (415) 523-8886"
        self.assertEqual(self.company.clinic_whatsapp_number, WHATSAPP_SENDER)
        with self.assertRaisesRegex(ValidationError, "international format"):
            self.company.clinic_whatsapp_number = "415 523 8886"

    def test_quiet_hours_hold_whatsapp_until_morning(self):
        with freeze_time("2026-01-14 05:30:00"):  # 22:30 in Denver (MST, UTC-7)
            self.lead._clinic_send_whatsapp("Your aligners are ready.")
            sms = self._queued()
            self.assertEqual(sms.clinic_send_after, datetime(2026, 1, 14, 15, 0))
            with requests_mock.Mocker() as mocker:
                twilio = FakeTwilio(mocker)
                sms._send(unlink_sent=False)
            self.assertFalse(twilio.requests)
            self.assertEqual(sms.state, "outgoing")
        with freeze_time("2026-01-14 15:01:00"), requests_mock.Mocker() as mocker:
            twilio = FakeTwilio(mocker)
            sms._send(unlink_sent=False)
        self.assertEqual([sent["To"] for sent in twilio.requests], [WA_PATIENT])

    @freeze_time(DAYTIME)
    def test_text_follow_up_goes_on_the_channel_the_family_prefers(self):
        """The follow-up's text step (Text Follow-up) uses WhatsApp when the lead prefers it."""
        self.lead.clinic_preferred_contact = "whatsapp"
        self.lead.action_clinic_sms_followup()
        self.assertEqual(self._queued().mapped("clinic_whatsapp"), [True])
        # Preferring WhatsApp never bypasses its consent.
        self.guardian.write({"clinic_consent_whatsapp": False, "clinic_consent_sms": True})
        with self.assertRaisesRegex(UserError, "WhatsApp"):
            self.lead.action_clinic_sms_followup()
        self.lead.clinic_preferred_contact = "phone"
        self.lead.action_clinic_sms_followup()
        self.assertEqual(sorted(self._queued().mapped("clinic_whatsapp")), [False, True])

    @freeze_time(DAYTIME)
    def test_whatsapp_is_never_sent_as_a_text_without_twilio(self):
        self.lead._clinic_send_whatsapp("Hello")
        sms = self._queued()
        self.company.sms_provider = "iap"
        with requests_mock.Mocker() as mocker:  # any call out would fail the test
            sms._send(unlink_sent=False)
            self.assertEqual(mocker.call_count, 0)
        self.assertEqual(sms.state, "error")
        notification = self.env["mail.notification"].search(
            [("mail_message_id", "=", sms.mail_message_id.id)]
        )
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("Twilio only", notification.failure_reason)

    @freeze_time(DAYTIME)
    def test_who_may_send_whatsapp(self):
        """Those who edit leads send WhatsApp; the view-only roles may not, even by RPC."""
        senders = ("super_admin", "clinic_admin", "front_desk", "treatment_coordinator")
        for role in senders:
            self._send_whatsapp(lead=self.lead.with_user(self.users[role]), body=f"From {role}")
        self.assertEqual(len(self._queued(clinic_whatsapp=True)), len(senders))
        for role in ("doctor", "clinical_staff", "billing", "read_only"):
            lead = self.lead.with_user(self.users[role])
            with self.assertRaises(AccessError, msg=role):
                lead.action_clinic_whatsapp()
            with self.assertRaises(AccessError, msg=role):
                lead._clinic_send_whatsapp("Hello")
        self.assertEqual(len(self._queued(clinic_whatsapp=True)), len(senders))

    @freeze_time(DAYTIME)
    def test_billing_and_read_only_read_no_whatsapp(self):
        self.lead._clinic_send_whatsapp("Mia's retainer check is on Friday")
        message = self._queued().mail_message_id
        for role in ("billing", "read_only"):
            with self.assertRaises(AccessError, msg=role):
                message.with_user(self.users[role]).read(["body"])
        self.assertIn("retainer", message.with_user(self.users["front_desk"]).body)


@tagged("post_install", "-at_install", "clinic_sms")
class TestWhatsAppInbound(WhatsAppCommon, TwilioInboundCommon):
    """WhatsApp messages come in on the signed webhook, From whatsapp:+…"""

    def _wa_post(self, body, **extra):
        return self._post(body, **{"From": WA_PATIENT, "To": WA_CLINIC, **extra})

    def _notes(self, record=None):
        return (record or self.lead).message_ids.filtered(
            lambda m: "WhatsApp message from" in (m.body or "")
        )

    def test_signed_whatsapp_lands_in_the_chatter_as_a_familys_text(self):
        self.lead.clinic_last_contact_date = False
        response = self._wa_post("Can we come at 4 instead?", ProfileName="Ana", WaId="13035550142")
        self.assertEqual(response.status_code, 200, response.text)
        note = self._notes()
        self.assertEqual(len(note), 1)
        self.assertIn(PATIENT_NUMBER, note.body)
        self.assertNotIn("whatsapp:", note.body)
        self.assertIn("come at 4 instead?", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("crm_clinic_sms.mt_clinic_family_text"))
        self.assertIn(self.users["treatment_coordinator"].partner_id, note.partner_ids)
        self.assertTrue(self.lead.clinic_last_contact_date)
        for role in ("billing", "read_only"):
            with self.assertRaises(AccessError, msg=role):
                note.with_user(self.users[role]).read(["body"])

    def test_forged_whatsapp_is_refused_and_nothing_stored(self):
        before = self.env["mail.message"].search_count([])
        response = self._wa_post("Hello", sign=False)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.env["mail.message"].search_count([]), before)

    def test_stop_on_whatsapp_opts_out_of_whatsapp_and_texts(self):
        self.guardian.clinic_consent_sms = True
        self.assertEqual(self._wa_post("STOP").status_code, 200)
        entry = self.env["phone.blacklist"].search([("number", "=", PATIENT_NUMBER)])
        self.assertTrue(entry.active)
        with self.assertRaisesRegex(UserError, "replied STOP"):
            self.lead._clinic_send_whatsapp("Hello")
        with self.assertRaisesRegex(UserError, "replied STOP"):
            self.lead.action_clinic_sms_followup()
        response = self._wa_post("start")
        self.assertIn("receive our WhatsApp and text messages again", response.text)
        entry.invalidate_recordset()
        self.assertFalse(entry.active)
        self.assertFalse(self._notes())

    def test_the_whatsapp_sender_names_the_clinic(self):
        """A message to a clinic's WhatsApp sender is that clinic's, as a text to its number."""
        Lead = self.env["crm.lead"]
        self.assertEqual(Lead._clinic_sms_company(WA_CLINIC), self.company)
        company_b = self.env["res.company"].create(
            {
                "name": "Second Clinic LLC",
                "sms_provider": "twilio",
                "sms_twilio_auth_token": "b" * 32,
                "clinic_whatsapp_number": "+13035550900",
            }
        )
        self.assertEqual(Lead._clinic_sms_company("whatsapp:+13035550900"), company_b)
        self.assertEqual(Lead._clinic_sms_company(WA_CLINIC), self.company)
        # A WhatsApp sender no clinic owns, with two clinics on Twilio: refused.
        self.assertFalse(Lead._clinic_sms_company("whatsapp:+13035550999"))
        self.assertEqual(self._wa_post("Hi", To="whatsapp:+13035550999").status_code, 403)
        self.assertFalse(self._notes())

    def test_whatsapp_read_receipt_marks_the_message_delivered(self):
        """WhatsApp reports "read" after "delivered"; Odoo's status route did not know it."""
        with freeze_time(DAYTIME):
            message = self.lead._clinic_send_whatsapp("Your aligners are ready.")
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        with requests_mock.Mocker() as mocker:
            FakeTwilio(mocker)
            sms._send(unlink_sent=False)
        params = {"SmsStatus": "read", "MessageSid": sms.sms_twilio_sid, "To": WA_PATIENT}
        signature = generate_twilio_sms_callback_signature(self.company, sms.uuid, params)
        response = self.url_open(
            f"/sms_twilio/status/{sms.uuid}",
            data=params,
            headers={"X-Twilio-Signature": signature},
        )
        self.assertEqual(response.status_code, 200, response.text)
        notification = self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(notification.notification_status, "sent")
