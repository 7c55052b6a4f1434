# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import IntakeCommon
from .test_intake_portal import PNG


@tagged("post_install", "-at_install")
class TestIntakeFlow(IntakeCommon):
    """Send → answer → structured records, PDF, consents and prefill."""

    def test_send_wizard_picks_the_stage_forms_and_sends_one_link(self):
        self.lead.stage_id = self.env.ref(
            "crm_ortho_onboarding.crm_stage_clinic_ortho_consult_scheduled"
        )
        coordinator = self.users["treatment_coordinator"]
        action = self.lead.with_user(coordinator).action_clinic_send_intake()
        wizard = Form(
            self.env["clinic.intake.send"].with_user(coordinator).with_context(**action["context"])
        )
        self.assertEqual(wizard.recipient_id, self.adult)
        wizard_record = wizard.save()
        self.assertIn(self.medical, wizard_record.survey_ids)
        self.assertIn(self.insurance, wizard_record.survey_ids)
        self.assertNotIn(
            self.env.ref("crm_intake_forms.intake_template_financial_agreement"),
            wizard_record.survey_ids,
        )
        self.assertNotIn(
            self.env.ref("crm_intake_forms.intake_template_aba_intake"), wizard_record.survey_ids
        )
        mails_before = self.env["mail.mail"].search_count([])
        wizard_record.action_send()
        requests = self.lead.clinic_intake_request_ids
        self.assertEqual(len(requests), len(wizard_record.survey_ids))
        self.assertEqual(set(requests.mapped("state")), {"sent"})
        self.assertEqual(len(set(requests.sudo().mapped("packet_token"))), 1)
        mails = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)
        self.assertIn(requests[0]._clinic_packet_url(), str(mails.body_html))
        self.assertEqual(mails.recipient_ids, self.adult)
        self.assertEqual(self.lead.clinic_intake_total, len(requests))
        self.assertEqual(self.lead.clinic_intake_missing, len(requests))

    def test_link_can_also_go_by_sms(self):
        self.guardian.phone = "+1 303 555 0199"
        self._allow_texts(self.guardian)
        action = self.minor.action_clinic_send_intake()
        wizard = Form(self.env["clinic.intake.send"].with_context(**action["context"]))
        wizard.send_sms = True
        wizard.save().action_send()
        request = self.minor.clinic_intake_request_ids[:1]
        sms = self.env["sms.sms"].search([("partner_id", "=", self.guardian.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn(request._clinic_packet_url(), sms.body)

    def test_send_to_a_minor_goes_to_the_guardian(self):
        action = self.minor.action_clinic_send_intake()
        self.assertEqual(action["context"]["default_recipient_id"], self.guardian.id)
        with self.assertRaisesRegex(ValidationError, "minor"):
            self._make_request(self.medical, self.minor)
        stranger = self.env["res.partner"].create({"name": "Stranger", "email": "s@example.com"})
        with self.assertRaisesRegex(ValidationError, "not a guardian"):
            self._make_request(self.medical, self.minor, stranger)

    def test_send_without_email_is_refused(self):
        self.adult.email = False
        with self.assertRaisesRegex(UserError, "no e-mail"):
            self._make_request(self.medical, self.adult)

    def test_answers_are_prefilled_from_the_patient(self):
        request = self._make_request(self.medical, self.minor, self.guardian)
        lines = request.sudo().user_input_id.user_input_line_ids
        by_key = {line.question_id.clinic_key: line for line in lines}
        self.assertEqual(by_key["patient_name"].value_char_box, "Leo Park")
        self.assertEqual(by_key["patient_birthdate"].value_date, self.minor.clinic_birthdate)
        self.assertEqual(by_key["guardian_name"].value_char_box, "Hannah Park")

    def test_completed_medical_history_becomes_records_alert_and_pdf(self):
        request = self._make_request(self.medical, self.adult)
        self._answer(
            request,
            {
                "is_minor": "No",
                "conditions": ["Diabetes", "Asthma"],
                "takes_medications": "Yes",
                "medications": "Metformin 500 mg",
                "has_allergies": "Yes",
                "allergies": "Penicillin",
                "premedication": "Yes",
            },
        )
        self.assertEqual(request.state, "done")
        self.assertTrue(request.date_expiry)
        history = self.adult.clinic_medical_history_ids
        self.assertEqual(len(history), 1)
        self.assertRecordValues(
            history,
            [
                {
                    "conditions": "Diabetes, Asthma",
                    "medications": "Metformin 500 mg",
                    "allergies": "Penicillin",
                    "premedication_required": True,
                }
            ],
        )
        self.assertTrue(self.adult.clinic_has_medical_alert)
        self.assertEqual(self.adult.clinic_allergies, "Penicillin")
        self.assertTrue(self.lead.clinic_has_medical_alert)
        self.assertTrue(request.pdf_attachment_id)
        self.assertEqual(request.pdf_attachment_id.res_model, "res.partner")
        self.assertEqual(request.pdf_attachment_id.res_id, self.adult.id)
        self.assertEqual(self.adult.clinic_intake_done, 1)
        self.assertEqual(self.adult.clinic_intake_progress, 100.0)

    def test_insurance_answers_become_primary_and_secondary_policies(self):
        request = self._make_request(self.insurance, self.adult)
        self._answer(
            request,
            {
                "has_insurance": "Yes",
                "carrier": "Delta Dental",
                "member": "DD-1",
                "subscriber": "Olivia Grant",
                "relation": "Self",
                "has_secondary": "Yes",
                "secondary_carrier": "MetLife",
                "secondary_member": "ML-2",
                "secondary_subscriber": "Tom Grant",
                "secondary_relation": "Spouse",
            },
        )
        policies = self.adult.clinic_insurance_policy_ids.sorted("priority")
        self.assertRecordValues(
            policies,
            [
                {
                    "priority": "primary",
                    "carrier": "Delta Dental",
                    "member_ref": "DD-1",
                    "subscriber_relation": "Self",
                },
                {
                    "priority": "secondary",
                    "carrier": "MetLife",
                    "member_ref": "ML-2",
                    "subscriber_relation": "Spouse",
                },
            ],
        )

    def test_previous_submission_prefills_the_next_request(self):
        first = self._make_request(self.insurance, self.adult)
        self._answer(
            first,
            {
                "has_insurance": "Yes",
                "carrier": "Aetna",
                "member": "A-9",
                "subscriber": "Olivia Grant",
                "relation": "Self",
            },
        )
        second = self._make_request(self.insurance, self.adult)
        lines = second.sudo().user_input_id.user_input_line_ids
        by_key = {line.question_id.clinic_key: line for line in lines}
        self.assertEqual(by_key["carrier"].value_char_box, "Aetna")
        self.assertEqual(by_key["relation"].suggested_answer_id.value, "Self")
        self.assertNotEqual(by_key["carrier"].user_input_id, first.sudo().user_input_id)

    def _sign_general_consent(self, request, relation):
        self._answer(
            request,
            {"agree": "I agree", "signer_relation": relation, "signature": "Hannah Park"},
        )

    def test_guardian_signs_a_minor_consent(self):
        request = self._make_request(self.general_consent, self.minor, self.guardian)
        self._sign_general_consent(request, "Parent")
        consent = self.minor.clinic_consent_ids
        self.assertRecordValues(
            consent,
            [
                {
                    "consent_type": "general_consent",
                    "signer_id": self.guardian.id,
                    "signer_relation": "parent",
                    "signature_name": "Hannah Park",
                    "text_version": self.general_consent.clinic_consent_version,
                    "state": "valid",
                }
            ],
        )
        self.assertEqual(consent.pdf_attachment_id, request.pdf_attachment_id)
        self.assertTrue(consent.pdf_hash)

    @mute_logger("odoo.sql_db")
    def test_minor_cannot_sign_their_own_consent(self):
        Consent = self.env["clinic.consent"]
        vals = {
            "patient_id": self.minor.id,
            "consent_type": "general_consent",
            "signer_id": self.minor.id,
            "signer_relation": "self",
            "signature_name": "Leo Park",
        }
        with self.assertRaisesRegex(ValidationError, "must be signed by a parent or legal"):
            Consent.create(vals)
        # A guardian who answers "Self" is refused too, and the request says why.
        request = self._make_request(self.general_consent, self.minor, self.guardian)
        self._sign_general_consent(request, "Self")
        self.assertFalse(request.consent_ids)
        self.assertIn("minor", request.review_note)
        self.assertTrue(request.activity_ids)
        consent = Consent.create(
            {**vals, "signer_id": self.guardian.id, "signer_relation": "parent"}
        )
        self.assertEqual(consent.state, "valid")

    def test_signed_consent_cannot_be_changed_only_revoked(self):
        request = self._make_request(self.general_consent, self.minor, self.guardian)
        self._sign_general_consent(request, "Parent")
        consent = self.minor.clinic_consent_ids.with_user(self.users["front_desk"])
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            consent.signature_name = "Someone else"
        with self.assertRaisesRegex(UserError, "Write why"):
            consent.action_revoke()
        self.assertTrue(consent.signature, "signed at the end of the form")
        with self.assertRaisesRegex(UserError, "already signed"):
            consent.sudo()._clinic_add_drawn_signature("Hannah Park", PNG)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            consent.signature = PNG.replace("A", "B")
        consent.revoke_reason = "Parent withdrew consent by phone."
        consent.action_revoke()
        self.assertEqual(consent.state, "revoked")
        self.assertEqual(consent.revoked_by_id, self.users["front_desk"])
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            consent.sudo().unlink()
