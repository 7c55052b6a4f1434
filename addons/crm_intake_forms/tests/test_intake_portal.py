# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

# A 1x1 transparent PNG, as the signature pad would send (base64, no data: prefix).
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestIntakePortal(HttpCase):
    """The patient's pages: one link per sending, token and ownership checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.medical = cls.env.ref("crm_intake_forms.intake_template_medical_history")
        cls.user_a = mail_new_test_user(
            cls.env, login="guardian_a", groups="base.group_portal", email="a@example.com"
        )
        cls.user_b = mail_new_test_user(
            cls.env, login="guardian_b", groups="base.group_portal", email="b@example.com"
        )
        cls.request_a = cls._request_for_ward(cls.user_a.partner_id, "Amy")
        cls.request_b = cls._request_for_ward(cls.user_b.partner_id, "Ben")

    @classmethod
    def _request_for_ward(cls, guardian, name):
        child = cls.env["res.partner"].create(
            {
                "name": name,
                "clinic_is_patient": True,
                "clinic_birthdate": fields.Date.today() - relativedelta(years=9),
            }
        )
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": child.id, "guardian_id": guardian.id, "relation": "parent"}
        )
        request = cls.env["clinic.intake.request"].create(
            {"survey_id": cls.medical.id, "patient_id": child.id, "recipient_id": guardian.id}
        )
        request.action_send()
        return request

    def test_packet_link_lists_the_forms_without_login(self):
        response = self.url_open(f"/intake/{self.request_a.packet_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Medical History", response.text)
        self.assertIn(f"access_token={self.request_a.access_token}", response.text)
        self.assertNotIn(self.request_b.access_token, response.text)
        self.assertEqual(self.url_open("/intake/" + "x" * 32).status_code, 404)

    def test_form_opens_survey_pages_only_with_the_right_token(self):
        url = f"/my/intake/{self.request_a.id}"
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        wrong = self.url_open(
            f"{url}?access_token={self.request_b.access_token}", allow_redirects=False
        )
        self.assertEqual(wrong.status_code, 404)
        good = self.url_open(
            f"{url}?access_token={self.request_a.access_token}", allow_redirects=False
        )
        self.assertEqual(good.status_code, 303)
        self.assertIn(
            f"answer_token={self.request_a.user_input_id.access_token}", good.headers["Location"]
        )

    def test_portal_user_sees_only_their_own_forms(self):
        self.authenticate("guardian_a", "guardian_a")
        listing = self.url_open("/my/intake")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Amy", listing.text)
        self.assertNotIn("Ben", listing.text)
        own = self.url_open(f"/my/intake/{self.request_a.id}", allow_redirects=False)
        self.assertEqual(own.status_code, 303)
        # Changing the id in the URL gets a 404, not B's form.
        other = self.url_open(f"/my/intake/{self.request_b.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 404)
        missing = self.url_open("/my/intake/999999", allow_redirects=False)
        self.assertEqual(missing.status_code, 404)

    def test_consent_is_valid_only_once_signed_at_its_end(self):
        consent_request = self.env["clinic.intake.request"].create(
            {
                "survey_id": self.env.ref("crm_intake_forms.intake_template_hipaa").id,
                "patient_id": self.request_a.patient_id.id,
                "recipient_id": self.user_a.partner_id.id,
            }
        )
        consent_request.action_send()
        token = consent_request.access_token
        route = f"/my/intake/{consent_request.id}/signature"
        # Nothing to sign before the consent is answered, nor on a form that is no consent.
        for url, access_token in (
            (route, token),
            (f"/my/intake/{self.request_a.id}/signature", self.request_a.access_token),
        ):
            answer = self.make_jsonrpc_request(
                url, {"access_token": access_token, "name": "Guardian A", "signature": PNG}
            )
            self.assertIn("error", answer)
        self.assertFalse(consent_request.consent_ids)
        self.assertEqual(
            self.url_open(f"/my/intake/{consent_request.id}/sign?access_token={token}").status_code,
            404,
        )
        user_input = consent_request.sudo().user_input_id
        self.assertFalse(
            user_input.survey_id.question_ids.filtered(
                lambda q: q.clinic_intake_field == "signature_name"
            ),
            "no typed-name question: the name goes with the drawn signature",
        )
        for question in user_input.survey_id.question_ids:
            answer = {"agree": "I agree", "signer_relation": "Parent"}.get(question.clinic_key)
            if answer:
                value = question.suggested_answer_ids.filtered(lambda a, t=answer: a.value == t).id
                user_input._save_lines(question, value)
        user_input._mark_done()
        # Answered and agreed: not complete, and no consent, until signed.
        self.assertFalse(consent_request.consent_ids)
        self.assertNotEqual(consent_request.state, "done")
        packet = self.url_open(f"/intake/{consent_request.packet_token}")
        self.assertIn("o_clinic_intake_sign", packet.text)
        page = self.url_open(f"/my/intake/{consent_request.id}/sign?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("portal.signature_form", page.text)
        wrong = self.url_open(
            f"/my/intake/{consent_request.id}/sign?access_token={self.request_b.access_token}"
        )
        self.assertEqual(wrong.status_code, 404)
        refused = self.make_jsonrpc_request(
            route, {"access_token": self.request_b.access_token, "name": "X", "signature": PNG}
        )
        self.assertIn("error", refused)
        # Another family's token, an empty name, a drawing that is not an image: refused,
        # and the consent stays open.
        for params in (
            {"access_token": token, "name": "", "signature": PNG},
            {"access_token": token, "name": "Guardian A", "signature": "bm90IGFuIGltYWdl"},
            {"access_token": token, "name": "Guardian A", "signature": ""},
        ):
            self.assertIn("error", self.make_jsonrpc_request(route, params))
        self.assertFalse(consent_request.consent_ids)
        self.assertNotEqual(consent_request.state, "done")
        done = self.make_jsonrpc_request(
            route, {"access_token": token, "name": "Guardian A", "signature": PNG}
        )
        self.assertTrue(done.get("force_refresh"), done)
        self.assertEqual(done["redirect_url"], f"/intake/{consent_request.packet_token}")
        consent = consent_request.consent_ids
        self.assertRecordValues(
            consent,
            [{"signature_name": "Guardian A", "signer_relation": "parent", "state": "valid"}],
        )
        self.assertTrue(consent.signature)
        self.assertEqual(len(consent.document_hash), 64)
        self.assertEqual(consent.pdf_attachment_id, consent_request.pdf_attachment_id)
        self.assertEqual(consent_request.state, "done")
        again = self.make_jsonrpc_request(
            route, {"access_token": token, "name": "Guardian A", "signature": PNG}
        )
        self.assertIn("error", again)
