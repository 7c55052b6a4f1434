# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import RecordsCommon

SCRIPT = "<script>alert('phi')</script>"
IMG = '"><img src=x onerror=alert(1)>'


@tagged("post_install", "-at_install")
class TestRecordsEscaping(RecordsCommon, HttpCase):
    """Names and notes typed by requesters or staff come out of every records-request
    output as text: denial letter and fee receipt (PDF source), the release e-mail and
    the portal download page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hostile = cls.env["res.partner"].create(
            {"name": f"Eve {SCRIPT}", "email": "eve@example.com", "clinic_is_patient": True}
        )
        cls.request = cls._request(
            cls,
            patient_id=cls.hostile.id,
            requester_id=cls.hostile.id,
            denial_reason="not_held",
            denial_note=f"Note {IMG} and {SCRIPT}",
        )

    def assertEscaped(self, html, *raw):
        for text in raw:
            self.assertNotIn(text, html)
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("&lt;script&gt;", html)

    def test_denial_letter_and_fee_receipt_escape_names_and_notes(self):
        self.request.action_deny()
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "crm_records_requests.action_report_records_denial_letter", self.request.ids
        )[0].decode()
        self.assertIn("Eve", html)
        self.assertEscaped(html, SCRIPT, IMG)
        html = report._render_qweb_html(
            "crm_records_requests.action_report_records_fee_receipt", self.request.ids
        )[0].decode()
        self.assertIn("Eve", html)
        self.assertEscaped(html, SCRIPT)

    def test_release_mail_and_portal_page_escape_names(self):
        request = self._released_request(f"Chart {IMG}", b"chart", patient=self.hostile)
        self.assertEqual(request.release_partner_id, self.hostile)
        template = self.env.ref("crm_records_requests.mail_template_records_release_link")
        body = template._render_field("body_html", request.ids)[request.id]
        self.assertIn("Eve", body)
        self.assertEscaped(str(body), SCRIPT)
        page = self.url_open(
            f"/records/release/{request.id}?access_token={request.sudo().access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("Chart", page.text)
        self.assertEscaped(page.text, SCRIPT, IMG)
