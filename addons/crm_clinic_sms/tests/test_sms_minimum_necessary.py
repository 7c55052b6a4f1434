# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PATIENT_NUMBER, TwilioCommon

SENT = "Reminder: Mia's consult is on Friday"
RECEIVED = "Mia has had a fever since Sunday"


@tagged("post_install", "-at_install", "clinic_sms", "clinic_security")
class TestFamilyTextsMinimumNecessary(TwilioCommon):
    """Families' text messages are not for Billing or Read Only (issue 21, item 8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A text sent to the family (queued, not sent) and one received from them.
        cls.sent = cls.lead._message_sms(SENT, sms_numbers=[PATIENT_NUMBER], put_in_queue=True)
        cls.env["crm.lead"]._clinic_sms_inbound(PATIENT_NUMBER, RECEIVED, cls.company)
        cls.received = cls.lead.message_ids.filtered(lambda m: RECEIVED in (m.body or ""))
        cls.note = cls.lead.message_post(
            body="Family prefers afternoons", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def _chatter_bodies(self, user):
        """What the lead's chatter shows the user (Odoo's /mail/thread/messages)."""
        lead = self.lead.with_user(user)
        fetched = self.env["mail.message"].with_user(user)._message_fetch(None, thread=lead)
        return " ".join(message.body or "" for message in fetched["messages"])

    def test_messages_are_what_they_seem(self):
        self.assertEqual(self.sent.message_type, "sms")
        self.assertEqual(len(self.received), 1)
        self.assertTrue(self.received.subtype_id.clinic_family_text)

    def test_billing_and_read_only_read_no_text(self):
        for role in ("billing", "read_only"):
            user = self.users[role]
            bodies = self._chatter_bodies(user)
            self.assertNotIn(SENT, bodies, role)
            # (The assistant's urgency note, crm_clinic_assist, may quote a word of it.)
            self.assertNotIn(RECEIVED, bodies, role)
            # The lead's other notes stay readable.
            self.assertIn("afternoons", bodies, role)
            for message in self.sent | self.received:
                with self.assertRaises(AccessError, msg=role):
                    message.with_user(user).read(["body"])
            found = (
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", "crm.lead"), ("res_id", "=", self.lead.id)])
            )
            self.assertNotIn(self.sent, found, role)
            self.assertNotIn(self.received, found, role)
            self.assertIn(self.note, found, role)
            # Nor Odoo's SMS queue.
            self.assertFalse(self.env["sms.sms"].with_user(user).has_access("read"), role)

    def test_roles_that_work_with_families_read_the_texts(self):
        for role in ("treatment_coordinator", "front_desk", "doctor", "clinical_staff"):
            bodies = self._chatter_bodies(self.users[role])
            self.assertIn("consult is on Friday", bodies, role)
            self.assertIn("fever", bodies, role)
            self.assertEqual(
                self.received.with_user(self.users[role]).read(["body"])[0]["body"],
                self.received.body,
            )

    def test_clinic_admin_is_not_narrowed_by_holding_billing(self):
        """Clinic Admin implies Billing; it reads the texts through its other roles."""
        self.assertIn("fever", self._chatter_bodies(self.users["clinic_admin"]))

    def test_the_patients_timeline_keeps_the_texts_from_billing_and_read_only(self):
        """The timeline a patient shares with their leads reads the same messages as the
        chatter: families' texts stay hidden from Billing and Read Only."""
        patient = self.env["res.partner"].create({"name": "Mia Lopez", "clinic_is_patient": True})
        self.lead.clinic_patient_id = patient
        texts = self.sent | self.received
        for role, sees_texts in (
            ("billing", False),
            ("read_only", False),
            ("front_desk", True),
            ("treatment_coordinator", True),
        ):
            with self.subTest(role=role):
                timeline = patient.with_user(self.users[role]).clinic_timeline_message_ids
                self.assertIn(self.note, timeline)
                self.assertEqual(bool(timeline & texts), sees_texts)
                if sees_texts:
                    self.assertEqual(timeline & texts, texts)
