# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsPortalTampering(RecordsCommon, HttpCase):
    """A requester holding the link of request A never downloads request B's documents:
    not with A's token on B's ids, not through /web/content, not through JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = mail_new_test_user(
            cls.env, login="records_tamper", groups="base.group_portal", email="rt@example.com"
        )
        cls.request_a = cls._released_request(cls, "Chart A", b"content of chart A")
        cls.request_b = cls._released_request(cls, "Chart B", b"secret content of chart B")
        cls.token_a = cls.request_a.sudo().access_token
        cls.document_b = cls.request_b.sudo().document_ids
        cls.attachments_b = (
            cls.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "clinic.records.document"),
                    ("res_id", "in", cls.document_b.ids),
                    ("res_field", "=", "file"),
                ]
            )
        )

    def test_token_of_a_opens_nothing_of_b(self):
        for url in (
            f"/records/release/{self.request_b.id}?access_token={self.token_a}",
            f"/records/release/{self.request_b.id}/{self.document_b.id}?access_token={self.token_a}",
            f"/records/release/{self.request_a.id}/{self.document_b.id}?access_token={self.token_a}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(b"secret content", response.content)
        self.assertEqual(self.request_b.download_count, 0)

    def test_web_content_never_serves_a_released_document(self):
        self.assertTrue(self.attachments_b)
        for login in (None, "records_tamper"):
            self.authenticate(login, login)
            content_url = f"/web/content/clinic.records.document/{self.document_b.id}/file"
            urls = [content_url, f"{content_url}?access_token={self.token_a}"]
            for attachment in self.attachments_b:
                urls += [
                    f"/web/content/{attachment.id}",
                    f"/web/content/{attachment.id}?access_token={self.token_a}",
                ]
            for url in urls:
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (403, 404), url)
                self.assertNotIn(b"secret content", response.content)

    def test_json_rpc_on_records_models_is_refused_to_portal_users(self):
        self.authenticate("records_tamper", "records_tamper")
        for model, method, args in (
            ("clinic.records.request", "read", [[self.request_b.id], ["name", "access_token"]]),
            ("clinic.records.document", "read", [self.document_b.ids, ["file"]]),
            ("clinic.records.document", "search_read", [[], ["file"]]),
        ):
            with self.assertRaises(Exception, msg=f"{model}.{method}") as caught:
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
            self.assertNotIn("secret content", str(caught.exception))
