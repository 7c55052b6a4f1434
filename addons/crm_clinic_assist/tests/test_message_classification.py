# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

from ..lib.clinic_message_classifier import classify, evaluate

DATA = Path(__file__).parent / "data"


def _samples(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install", "clinic_assist")
class TestMessageClassifier(ClinicRolesCommon):
    """The offline classifier: labels with their words, and its measured quality."""

    def test_fixed_examples_give_labels_and_their_words(self):
        cases = [
            ("My bracket came off and it hurts", "broken_appliance", "none", "bracket came off"),
            ("Face is swollen and he has a fever", "emergency", "none", "swollen"),
            ("How much do braces cost?", "none", "price_question", "how much"),
            ("STOP", "none", "opt_out", "stop"),
            ("Please book us for Thursday", "none", "ready_to_book", "book us"),
            ("We need to think about it", "none", "hesitation", "think about"),
        ]
        for text, urgency, intent, word in cases:
            with self.subTest(text=text):
                result = classify(text)
                self.assertEqual(result["urgency"], urgency)
                self.assertEqual(result["intent"], intent)
                found = [w for words in result["words"].values() for w in words]
                self.assertIn(word, found)

    def test_negation_cancels_the_word(self):
        self.assertEqual(classify("No pain at all, thanks")["urgency"], "none")
        self.assertEqual(classify("The pain won't stop")["intent"], "none")
        self.assertEqual(classify("I don't want to book yet")["intent"], "hesitation")
        self.assertEqual(classify("Thank you, the team was wonderful")["sentiment"], "positive")
        self.assertEqual(classify("The receptionist was rude")["sentiment"], "negative")

    def test_labelled_sample_meets_minimum_precision_and_recall(self):
        samples = _samples("clinic_messages.csv")
        self.assertGreaterEqual(len(samples), 200)
        report = evaluate(samples)
        self.assertGreaterEqual(report["accuracy"]["urgency"], 0.9)
        self.assertGreaterEqual(report["accuracy"]["intent"], 0.9)
        self.assertGreaterEqual(report["accuracy"]["sentiment"], 0.85)
        for axis in ("urgency", "intent", "sentiment"):
            for label, (precision, recall, support) in report[axis].items():
                if support:
                    with self.subTest(axis=axis, label=label):
                        self.assertGreaterEqual(precision, 0.8)
                        self.assertGreaterEqual(recall, 0.8)

    def test_held_out_sample_stays_better_than_guessing(self):
        # Written after the rules and never used to tune them: the honest figure.
        report = evaluate(_samples("clinic_messages_holdout.csv"))
        self.assertGreaterEqual(report["accuracy"]["urgency"], 0.7)
        self.assertGreaterEqual(report["accuracy"]["intent"], 0.5)
        self.assertGreaterEqual(report["accuracy"]["sentiment"], 0.5)


@tagged("post_install", "-at_install", "clinic_assist")
class TestMessageClassificationOnLeads(ClinicRolesCommon):
    """Inbound messages and web-form text are read on the lead; staff correct them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create(
            {"name": "Mia Lopez", "email": "mia.lopez@example.com"}
        )

    def _inbound(self, lead, body, message_type="email"):
        return lead.message_post(
            body=body,
            message_type=message_type,
            author_id=self.patient.id,
            subtype_xmlid="mail.mt_comment",
        )

    def test_inbound_message_is_classified_on_the_lead(self):
        message = self._inbound(self.lead, "My wire snapped and it hurts, can I come in today?")
        reading = self.lead.clinic_message_classification_ids
        self.assertEqual(len(reading), 1)
        self.assertRecordValues(
            reading,
            [
                {
                    "message_id": message.id,
                    "channel": "email",
                    "urgency": "broken_appliance",
                    "intent": "ready_to_book",
                    "sentiment": "negative",
                }
            ],
        )
        self.assertIn("snapped", reading.trigger_words)
        self.assertEqual(self.lead.clinic_message_intent, "ready_to_book")
        self.assertIn("snapped", self.lead.clinic_message_words)
        self.assertEqual(self.lead.clinic_urgency, "high")
        self.assertIn("Latest message: ready to book", self.lead.clinic_score_reasons)

    def test_sms_reply_asking_to_stop_lowers_the_score(self):
        before = self.lead.clinic_score
        self._inbound(self.lead, "Stop texting me", message_type="sms")
        self.assertEqual(self.lead.clinic_message_intent, "opt_out")
        self.assertEqual(self.lead.clinic_message_classification_ids.channel, "sms")
        self.assertEqual(self.lead.clinic_score, max(0, before - 40))
        self.assertIn("asked not to be contacted", self.lead.clinic_score_reasons)

    def test_staff_notes_are_not_classified(self):
        self.lead.with_user(self.users["treatment_coordinator"]).message_post(
            body="Patient in pain, call back",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(self.lead.clinic_message_classification_ids)

    def test_web_form_message_is_classified_after_capture(self):
        lead = (
            self.env["crm.lead"]
            .with_context(clinic_capture_channel="web")
            .create(
                {
                    "clinic_first_name": "Noah",
                    "clinic_last_name": "Kim",
                    "email_from": "noah.kim@example.com",
                    "description": "<p>How much is Invisalign? Do you have payment plans?</p>",
                }
            )
        )
        # Not inside the capture request: by the after-capture job.
        self.assertFalse(lead.clinic_message_classification_ids)
        lead._clinic_after_capture()
        reading = lead.clinic_message_classification_ids
        self.assertEqual(reading.channel, "web_form")
        self.assertEqual(reading.intent, "price_question")
        self.assertIn("payment plans", reading.trigger_words)
        self.assertEqual(lead.clinic_message_intent, "price_question")

    def test_staff_correction_is_kept_and_updates_the_lead(self):
        self._inbound(self.lead, "Sounds good, see you Monday")
        reading = self.lead.clinic_message_classification_ids
        self.assertEqual(reading.intent, "ready_to_book")
        front_desk = self.users["front_desk"]
        reading.with_user(front_desk).write({"intent": "none"})
        self.assertRecordValues(
            reading,
            [
                {
                    "predicted_intent": "ready_to_book",
                    "intent": "none",
                    "is_corrected": True,
                    "is_reviewed": True,
                    "reviewed_by_id": front_desk.id,
                }
            ],
        )
        self.assertEqual(self.lead.clinic_message_intent, "none")
        self.assertNotIn("ready to book", self.lead.clinic_score_reasons or "")

    def test_confirming_counts_as_reviewed_not_corrected(self):
        self._inbound(self.lead, "Thank you so much!")
        reading = self.lead.clinic_message_classification_ids
        reading.with_user(self.users["treatment_coordinator"]).action_confirm()
        self.assertTrue(reading.is_reviewed)
        self.assertFalse(reading.is_corrected)

    def test_roles_reading_and_correcting(self):
        self._inbound(self.lead, "My retainer broke")
        reading = self.lead.clinic_message_classification_ids
        for role in ("doctor", "clinical_staff"):
            with self.subTest(role=role):
                as_role = reading.with_user(self.users[role])
                self.assertEqual(as_role.urgency, "broken_appliance")
                with self.assertRaises(AccessError):
                    as_role.write({"urgency": "none"})
        # Families' messages are not Billing's or Read Only's business (minimum necessary).
        for role in ("billing", "read_only"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                reading.with_user(self.users[role]).read(["urgency"])
        for role in ("front_desk", "treatment_coordinator"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                reading.with_user(self.users[role]).unlink()
        reading.with_user(self.users["clinic_admin"]).write({"urgency": "pain"})
        self.assertEqual(reading.urgency, "pain")

    def test_other_company_cannot_see_the_readings(self):
        self._inbound(self.lead, "My retainer broke")
        other = self.env["res.company"].create({"name": "Other Clinic"})
        user = self.users["clinic_admin"]
        user.write({"company_ids": [(4, other.id)], "company_id": other.id})
        readings = (
            self.env["clinic.message.classification"]
            .with_user(user)
            .with_context(allowed_company_ids=[other.id])
            .search([("lead_id", "=", self.lead.id)])
        )
        self.assertFalse(readings)
