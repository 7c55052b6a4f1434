# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

import pytz

from odoo.tests import tagged

from odoo.addons.crm_clinic_sms.models.sms_sms import ICP_QUIET_END, ICP_QUIET_START
from odoo.addons.crm_clinic_sms.tests.common import PATIENT_NUMBER, TwilioCommon


@tagged("post_install", "-at_install", "clinic_sms")
class TestAutoReplyQuietHours(TwilioCommon):
    """The key's auto-replies to a web/API inquiry wait for the end of quiet hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        crm_lead = cls.env.ref("crm.model_crm_lead")
        cls.api_key = cls.env["clinic.api.key"].create(
            {
                "name": "Smile site",
                "source_id": cls.env["utm.source"].create({"name": "Quiet ads"}).id,
                "auto_reply_mail_template_id": cls.env["mail.template"]
                .create(
                    {
                        "name": "Thanks for your request",
                        "model_id": crm_lead.id,
                        "subject": "We received your request",
                        "body_html": "<p>We will call you soon.</p>",
                        "email_to": "{{ object.email_from }}",
                    }
                )
                .id,
                "auto_reply_sms_template_id": cls.env["sms.template"]
                .create(
                    {
                        "name": "Thanks by text",
                        "model_id": crm_lead.id,
                        "body": "We received your request. Reply STOP to opt out.",
                    }
                )
                .id,
            }
        )

    def _capture(self, **values):
        Lead = self.env["crm.lead"].sudo()
        payload = {
            "leadtype": "Patient",
            "firstName": "Owen",
            "lastName": "Night",
            "email": "owen.parent@example.com",
            "phone": "(303) 555-0142",
            "consentEmail": True,
            "consentSms": True,
            "consentText": "I agree to e-mails and texts.",
            **values,
        }
        vals, errors = Lead._clinic_capture_prepare(payload, self.api_key)
        self.assertFalse(errors)
        lead = Lead._clinic_capture_submit(vals, "api", key=self.api_key)["lead"]
        lead._clinic_after_capture()
        mail = lead.message_ids.filtered(lambda m: m.subject == "We received your request")
        sms = self.env["sms.sms"].search([("number", "=", PATIENT_NUMBER)])
        return lead, mail, sms

    def _quiet_hours(self, now_quiet):
        """Quiet hours around the real clock (Odoo schedules e-mails against the
        database's clock, which freeze_time does not move): now, or two hours ahead."""
        tz = pytz.timezone(self.company.partner_id.tz)
        hour = datetime.now(pytz.utc).astimezone(tz).hour
        start = hour if now_quiet else (hour + 2) % 24
        icp = self.env["ir.config_parameter"]
        icp.set_param(ICP_QUIET_START, str(start))
        icp.set_param(ICP_QUIET_END, str((start + 2) % 24))

    def test_night_inquiry_is_acknowledged_in_the_morning(self):
        self._quiet_hours(now_quiet=True)
        morning = self.env["sms.sms"]._clinic_quiet_until()
        self.assertTrue(morning)
        _lead, mail, sms = self._capture()
        self.assertEqual(len(sms), 1)
        self.assertEqual((sms.state, sms.clinic_send_after), ("outgoing", morning))
        self.assertEqual(len(mail), 1)
        self.assertFalse(self.env["mail.mail"].search([("mail_message_id", "=", mail.id)]))
        schedule = self.env["mail.message.schedule"].search([("mail_message_id", "=", mail.id)])
        self.assertEqual(schedule.scheduled_datetime, morning)

    def test_day_inquiry_is_acknowledged_at_once(self):
        self._quiet_hours(now_quiet=False)
        _lead, mail, sms = self._capture()
        self.assertEqual((sms.state, sms.clinic_send_after), ("outgoing", False))
        self.assertTrue(self.env["mail.mail"].search([("mail_message_id", "=", mail.id)]))
        self.assertFalse(
            self.env["mail.message.schedule"].search([("mail_message_id", "=", mail.id)])
        )

    def test_no_text_without_consent_or_after_stop(self):
        self._quiet_hours(now_quiet=False)
        _lead, _mail, sms = self._capture(consentSms=False)
        self.assertFalse(sms)
        self.env["phone.blacklist"]._add([PATIENT_NUMBER])
        _lead, _mail, sms = self._capture(firstName="Lily")
        self.assertFalse(sms)
