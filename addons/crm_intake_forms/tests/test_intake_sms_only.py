# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IntakeCommon

PHONE = "+13035550188"


@tagged("post_install", "-at_install")
class TestIntakeSmsOnly(IntakeCommon):
    """A family with only a phone: "Also by SMS" texts them the link instead of failing
    with "has no e-mail address"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian.write({"email": False, "phone": PHONE})
        cls._allow_texts(cls.guardian)

    def _wizard(self, **vals):
        return self.env["clinic.intake.send"].create(
            {
                "patient_id": self.minor.id,
                "recipient_id": self.guardian.id,
                "survey_ids": [(6, 0, (self.medical | self.general_consent).ids)],
                **vals,
            }
        )

    def _texts(self):
        return self.env["sms.sms"].search([("number", "=", PHONE)])

    def test_phone_only_family_gets_the_link_by_sms(self):
        wizard = self._wizard()
        self.assertTrue(wizard.send_sms, "ticked for a recipient without e-mail")
        wizard.action_send()
        requests = self.env["clinic.intake.request"].search(
            [("recipient_id", "=", self.guardian.id)]
        )
        self.assertEqual(len(requests), 2)
        self.assertEqual(set(requests.mapped("state")), {"sent"})
        self.assertTrue(all(requests.mapped("link_by_sms")))
        texts = self._texts()
        self.assertEqual(len(texts), 1, "one text for the packet")
        self.assertIn(f"/intake/{requests[0].packet_token}", texts.body)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", requests._name), ("res_id", "in", requests.ids)]
            ),
            "no e-mail to a family without an address",
        )

    def test_without_sms_the_error_says_what_to_do(self):
        with self.assertRaisesRegex(UserError, "tick “Also by SMS”"):
            self._wizard(send_sms=False).action_send()

    def test_opted_out_number_is_not_texted(self):
        self.env["phone.blacklist"].sudo().add(PHONE)
        with self.assertRaisesRegex(UserError, "asked not to receive texts"):
            self._wizard().action_send()
        self.assertFalse(self._texts())

    def test_reminder_goes_by_sms_to_a_phone_only_family(self):
        self._wizard(date_due=fields.Date.today() + timedelta(days=1)).action_send()
        self._texts().unlink()
        self.env["clinic.intake.request"]._cron_send_reminders()
        texts = self._texts()
        self.assertEqual(len(texts), 1)
        self.assertIn("reminder", texts.body)
