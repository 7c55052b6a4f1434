# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestIntakePortalTampering(HttpCase):
    """Guardian A, logged in or holding A's link, never reaches patient B's intake, consent
    or files: not by changing ids in URLs, not through JSON-RPC, not by walking
    /web/content ids, not with A's token on B's record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consent_survey = cls.env.ref("crm_intake_forms.intake_template_general_consent")
        cls.user_a = mail_new_test_user(
            cls.env, login="tamper_a", groups="base.group_portal", email="ta@example.com"
        )
        cls.user_b = mail_new_test_user(
            cls.env, login="tamper_b", groups="base.group_portal", email="tb@example.com"
        )
        cls.request_a = cls._request_for_ward(cls.user_a.partner_id, "Alma Wardone")
        cls.request_b = cls._request_for_ward(cls.user_b.partner_id, "Bruno Wardtwo")
        cls.attachment_b = cls.env["ir.attachment"].create(
            {
                "name": "bruno-insurance-card.txt",
                "datas": base64.b64encode(b"Bruno secret card"),
                "res_model": "clinic.intake.request",
                "res_id": cls.request_b.id,
            }
        )
        cls.patient_attachment_b = cls.env["ir.attachment"].create(
            {
                "name": "bruno-xray.txt",
                "datas": base64.b64encode(b"Bruno secret xray"),
                "res_model": "res.partner",
                "res_id": cls.request_b.patient_id.id,
            }
        )

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
            {
                "survey_id": cls.consent_survey.id,
                "patient_id": child.id,
                "recipient_id": guardian.id,
            }
        )
        request.action_send()
        return request

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _rpc_leaks(self, model, method, args, kwargs=None):
        """True when the call returned B's data; an access error is the expected answer."""
        try:
            result = self._call_kw(model, method, args, kwargs)
        except Exception as error:  # noqa: BLE001 - make_jsonrpc_request raises the RPC error
            self.assertNotIn("Wardtwo", str(error))
            return False
        return bool(result) and "Wardtwo" in str(result)

    def test_json_rpc_with_other_patients_ids_returns_nothing(self):
        self.authenticate("tamper_a", "tamper_a")
        b = self.request_b
        self.assertFalse(self._rpc_leaks("clinic.intake.request", "read", [[b.id], ["patient_id"]]))
        self.assertFalse(
            self._rpc_leaks(
                "clinic.intake.request", "web_read", [[b.id]], {"specification": {"patient_id": {}}}
            )
        )
        self.assertFalse(
            self._rpc_leaks(
                "clinic.intake.request", "search_read", [[("id", "=", b.id)], ["patient_id"]]
            )
        )
        self.assertFalse(
            self._rpc_leaks(
                "survey.user_input", "read", [[b.sudo().user_input_id.id], ["partner_id"]]
            )
        )
        self.assertFalse(self._rpc_leaks("res.partner", "read", [[b.patient_id.id], ["name"]]))
        consents = self.env["clinic.consent"].search([("patient_id", "=", b.patient_id.id)])
        if consents:
            self.assertFalse(
                self._rpc_leaks("clinic.consent", "read", [consents.ids, ["patient_id"]])
            )
        self.assertFalse(
            self._rpc_leaks(
                "clinic.consent", "search_read", [[("patient_id", "=", b.patient_id.id)]]
            )
        )
        # A's own request is no excuse to write on B's.
        self.assertFalse(
            self._rpc_leaks(
                "clinic.intake.request",
                "write",
                [[b.id], {"recipient_id": self.user_a.partner_id.id}],
            )
        )
        self.assertEqual(self.request_b.recipient_id, self.user_b.partner_id)

    def test_web_content_enumeration_finds_no_file_of_another_patient(self):
        token_a = self.request_a.sudo().access_token
        for login in (None, "tamper_a"):
            self.authenticate(login, login)
            for attachment in (self.attachment_b, self.patient_attachment_b):
                for url in (
                    f"/web/content/{attachment.id}",
                    f"/web/content/{attachment.id}?download=true",
                    f"/web/content/{attachment.id}?access_token={token_a}",
                    f"/web/content/ir.attachment/{attachment.id}/datas",
                ):
                    response = self.url_open(url, allow_redirects=False)
                    self.assertIn(response.status_code, (403, 404), url)
                    self.assertNotIn(b"Bruno secret", response.content)
            # Walking the ids around B's file finds nothing of B either.
            for attachment_id in range(self.attachment_b.id - 3, self.patient_attachment_b.id + 4):
                response = self.url_open(f"/web/content/{attachment_id}", allow_redirects=False)
                self.assertNotIn(b"Bruno secret", response.content)

    def test_token_of_one_request_does_not_open_another(self):
        token_a = self.request_a.sudo().access_token
        for path in (f"/my/intake/{self.request_b.id}", f"/my/intake/{self.request_b.id}/sign"):
            response = self.url_open(f"{path}?access_token={token_a}", allow_redirects=False)
            self.assertEqual(response.status_code, 404, path)
        answer = self.make_jsonrpc_request(
            f"/my/intake/{self.request_b.id}/signature?access_token={token_a}",
            {"name": "Alma", "signature": "iVBORw0KGgo="},
        )
        self.assertIn("error", answer)
        # The packet token of A lists A's forms only.
        page = self.url_open(f"/intake/{self.request_a.sudo().packet_token}")
        self.assertNotIn("Wardtwo", page.text)

    def test_logged_in_guardian_cannot_open_another_familys_form_by_id(self):
        self.authenticate("tamper_a", "tamper_a")
        for path in (
            f"/my/intake/{self.request_b.id}",
            f"/my/intake/{self.request_b.id}/sign",
        ):
            response = self.url_open(path, allow_redirects=False)
            self.assertEqual(response.status_code, 404, path)
        listing = self.url_open("/my/intake")
        self.assertNotIn("Wardtwo", listing.text)
