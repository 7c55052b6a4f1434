# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo import fields
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralLetters(ReferralCommon):
    def _letter_messages(self, provider):
        return provider.message_ids.filtered(lambda m: m.attachment_ids)

    @freeze_time("2026-05-04 09:00:00")
    def test_thank_you_is_sent_once_after_the_delay(self):
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        letter = lead.clinic_referral_ids.letter_ids
        self.assertRecordValues(
            letter,
            [{"event": "thank_you", "state": "scheduled", "date_due": self._date("2026-05-05")}],
        )
        self.assertIn("Leo Test", letter.body_html, "merge fields are filled in")
        self.assertIn("Dear Dr. Dentist,", letter.body_html, "greeted by honorific and last name")
        Letter = self.env["clinic.referral.letter"]
        with self._in_cron():
            Letter._cron_send_due_letters()
        self.assertEqual(letter.state, "scheduled", "not due before the delay")
        with freeze_time("2026-05-05 08:00:00"), self._in_cron():
            Letter._cron_send_due_letters()
            Letter._cron_send_due_letters()
        self.assertRecordValues(letter, [{"state": "sent", "channel": "email"}])
        messages = self._letter_messages(self.dentist)
        self.assertEqual(len(messages), 1, "the provider got the thank-you once")
        self.assertEqual(messages.partner_ids, self.dentist, "e-mailed to the provider")
        self.assertEqual(letter.attachment_id, messages.attachment_ids)
        self.assertEqual(self.dentist.clinic_referral_letter_count, 1)

    def _date(self, value):
        return fields.Date.to_date(value)

    def test_no_thank_you_when_disabled(self):
        self.env["ir.config_parameter"].sudo().set_param("crm_referrals.auto_thank_you", False)
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        self.assertFalse(lead.clinic_referral_ids.letter_ids)

    def test_same_event_is_never_prepared_twice(self):
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        referral = lead.clinic_referral_ids
        self.assertFalse(referral._clinic_queue_letter("thank_you"))
        lead.stage_id = self.stage_consult
        lead.stage_id = self.stage_inquiry
        lead.stage_id = self.stage_consult
        self.assertEqual(referral.letter_ids.mapped("event").count("consult_summary"), 1)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["clinic.referral.letter"].create(
                {"referral_id": referral.id, "provider_id": self.dentist.id, "event": "thank_you"}
            )

    def test_provider_without_email_falls_back_to_print(self):
        self.dentist.email = False
        lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
        letter = lead.clinic_referral_ids.letter_ids
        letter.with_user(self.users["front_desk"]).action_send()
        self.assertRecordValues(letter, [{"state": "to_print", "channel": "print"}])
        self.assertIn("no e-mail address", letter.note)
        self.assertIn("ready to print", self._letter_messages(self.dentist).body)
        letter.with_user(self.users["front_desk"]).action_mark_printed()
        self.assertEqual(letter.state, "sent")

    def test_batch_send_from_the_list(self):
        leads = self._new_lead(clinic_referred_by_id=self.dentist.id) | self._new_lead(
            "Braces for Mia", clinic_referred_by_id=self.dentist.id
        )
        letters = leads.clinic_referral_ids.letter_ids
        self.assertEqual(len(letters), 2)
        letters.with_user(self.users["treatment_coordinator"]).action_send()
        self.assertEqual(set(letters.mapped("state")), {"sent"})
        self.assertEqual(len(self._letter_messages(self.dentist)), 2)

    def test_progress_reports_every_six_months_of_treatment(self):
        with freeze_time("2026-01-10"):
            lead = self._new_lead(clinic_referred_by_id=self.dentist.id)
            lead.action_set_won()
        referral = lead.clinic_referral_ids
        self.assertEqual(referral.date_started, self._date("2026-01-10"))
        self.assertEqual(referral.date_next_progress_report, self._date("2026-07-10"))
        Referral = self.env["clinic.referral"]

        def reports():
            return referral.letter_ids.filtered(lambda x: x.event == "progress_report")

        with freeze_time("2026-07-09"), self._in_cron():
            Referral._cron_queue_progress_reports()
        self.assertFalse(reports())
        with freeze_time("2026-07-10"), self._in_cron():
            Referral._cron_queue_progress_reports()
            Referral._cron_queue_progress_reports()
        self.assertEqual(reports().mapped("sequence"), [1])
        self.assertEqual(referral.date_next_progress_report, self._date("2027-01-10"))
        with freeze_time("2027-01-11"), self._in_cron():
            Referral._cron_queue_progress_reports()
        self.assertEqual(sorted(reports().mapped("sequence")), [1, 2])
        self.assertIn("Progress report #2", reports().filtered(lambda x: x.sequence == 2).subject)

    def test_provider_card_counts_in_constant_queries(self):
        providers = self.dentist | self.env["res.partner"].create(
            [{"name": f"Dr. Count {n}", "clinic_npi": "1111111112"} for n in range(4)]
        )
        for n, provider in enumerate(providers):
            self._new_lead(f"Braces for P{n}", clinic_referred_by_id=provider.id)
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            counts = providers.mapped("clinic_referral_count")
            providers.mapped("clinic_referral_letter_count")
            providers.mapped("clinic_referral_conversion_count")
        self.assertEqual(counts, [1] * 5)
