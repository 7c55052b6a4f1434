# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.sms.tools.sms_api import SmsApi

from .common import IntakeCommon


class FailingSmsApi(SmsApi):
    """An SMS provider that is down: every batch raises."""

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        raise ConnectionError("SMS gateway unreachable")


class WorkingSmsApi(SmsApi):
    def _send_sms_batch(self, messages, delivery_reports_url=False):
        return [
            {"uuid": number["uuid"], "state": "success"}
            for message in messages
            for number in message["numbers"]
        ]


@tagged("post_install", "-at_install")
class TestIntakeGatewayFailure(IntakeCommon):
    """A failing mail or SMS gateway leaves the messages queued, with the error shown."""

    def _send_with_sms(self):
        self.adult.phone = "+13035550142"
        self._allow_texts(self.adult)
        request = self.env["clinic.intake.request"].create(
            {
                "survey_id": self.medical.id,
                "patient_id": self.adult.id,
                "recipient_id": self.adult.id,
            }
        )
        request._clinic_send(send_sms=True)
        mails = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        sms = self.env["sms.sms"].search([("number", "=", "+13035550142")])
        return request, mails, sms

    def test_smtp_down_keeps_the_mail_with_its_error_and_a_retry_sends_it(self):
        _request, mails, _sms = self._send_with_sms()
        self.assertTrue(mails)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        server = type(self.env["ir.mail_server"])
        with patch.object(server, "_connect__", side_effect=ConnectionRefusedError("SMTP down")):
            mails.send(raise_exception=False)
        self.assertTrue(mails.exists(), "a failed mail must not be deleted")
        self.assertEqual(set(mails.mapped("state")), {"exception"})
        self.assertIn("SMTP down", mails[0].failure_reason)
        # The failure shows on the recipient's notification (the envelope icon in chatter).
        notifications = mails.mail_message_id.notification_ids
        if notifications:
            self.assertEqual(set(notifications.mapped("notification_status")), {"exception"})
        # "Retry" puts it back in the queue that Odoo's mail cron sends.
        mails.mark_outgoing()
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        queued = self.env["mail.mail"].search([("state", "=", "outgoing")])
        self.assertEqual(mails & queued, mails)

    def test_sms_gateway_down_keeps_the_sms_in_error_and_a_retry_sends_it(self):
        _request, _mails, sms = self._send_with_sms()
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        sms.with_context(sms_api=FailingSmsApi(self.env))._send(unlink_failed=False)
        self.assertTrue(sms.exists(), "a failed SMS must not be deleted")
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        sms.action_set_outgoing()
        sms.with_context(sms_api=WorkingSmsApi(self.env))._send(unlink_sent=False)
        self.assertEqual(sms.state, "pending")
