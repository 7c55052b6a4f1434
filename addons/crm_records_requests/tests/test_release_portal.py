# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..models.clinic_records_release_hit import RELEASE_HITS
from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsReleasePortal(RecordsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._released_request(cls, "Released chart", b"released chart content")
        cls.other_request = cls._released_request(cls, "Someone else's chart", b"other content")
        cls.token = cls.request.sudo().access_token
        cls.document = cls.request.sudo().document_ids

    def _url(self, document=None, token=None, request=None):
        request = request or self.request
        path = f"/records/release/{request.id}"
        if document:
            path += f"/{document.id}"
        return f"{path}?access_token={token or self.token}"

    def test_requester_downloads_with_the_token_and_it_is_logged(self):
        page = self.url_open(self._url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Released chart", page.text)
        self.assertNotIn("Someone else", page.text)
        response = self.url_open(self._url(self.document))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"released chart content")
        self.assertEqual(self.request.download_count, 1)
        self.assertIn("downloaded", self.request.message_ids[0].body)

    def test_wrong_or_missing_token_is_not_found(self):
        self.assertEqual(self.url_open(self._url(token="not-the-token")).status_code, 404)
        self.assertEqual(self.url_open(f"/records/release/{self.request.id}").status_code, 404)
        self.assertEqual(self.url_open(self._url(self.document, token="x" * 36)).status_code, 404)
        self.assertEqual(self.request.download_count, 0)

    def test_token_opens_only_its_own_request_and_documents(self):
        other_document = self.other_request.sudo().document_ids
        # this request's token with the other request's id or document: refused (IDOR)
        self.assertEqual(self.url_open(self._url(request=self.other_request)).status_code, 404)
        self.assertEqual(self.url_open(self._url(other_document)).status_code, 404)
        self.assertEqual(self.other_request.download_count, 0)

    def test_expired_link_no_longer_downloads(self):
        self.request.sudo().release_expiry = fields.Datetime.now() - timedelta(minutes=1)
        page = self.url_open(self._url())
        self.assertEqual(page.status_code, 403)
        self.assertIn("expired", page.text)
        self.assertNotIn("Released chart", page.text)
        self.assertEqual(self.url_open(self._url(self.document)).status_code, 404)

    def test_sending_again_replaces_the_link(self):
        request = self.request
        request.with_context(clinic_records_transition=True).write({"state": "preparing"})
        request.action_send()
        self.assertNotEqual(request.sudo().access_token, self.token)
        self.assertEqual(self.url_open(self._url()).status_code, 404)

    def test_unreleased_request_has_no_download(self):
        request = self.Request.create({"patient_id": self.patient.id})
        request.sudo()._portal_ensure_token()
        url = f"/records/release/{request.id}?access_token={request.sudo().access_token}"
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_each_document_downloads_a_limited_number_of_times(self):
        self.assertEqual(self.request.company_id.clinic_records_max_downloads, 3)
        for _attempt in range(3):
            self.assertEqual(self.url_open(self._url(self.document)).status_code, 200)
        refused = self.url_open(self._url(self.document))
        self.assertEqual(refused.status_code, 403)
        self.assertNotEqual(refused.content, b"released chart content")
        self.assertEqual(self.request.download_count, 3)
        self.assertIn("Release link refused", self.request.message_ids[0].body)
        self.assertIn("Download limit reached", self.url_open(self._url()).text)
        # The limit is a setting of the clinic.
        self.request.company_id.clinic_records_max_downloads = 4
        self.assertEqual(self.url_open(self._url(self.document)).status_code, 200)

    def test_requests_from_one_address_are_throttled(self):
        # Guessing tokens counts as much as downloading.
        for _attempt in range(RELEASE_HITS):
            self.url_open(self._url(token="guess" + "x" * 31))
        throttled = self.url_open(self._url(self.document))
        self.assertEqual(throttled.status_code, 429)
        self.assertEqual(self.request.download_count, 0)
        self.assertIn("too many requests", self.request.message_ids[0].body)

    def test_expired_link_refusal_is_in_the_chatter(self):
        self.request.sudo().release_expiry = fields.Datetime.now() - timedelta(minutes=1)
        self.url_open(self._url(self.document))
        self.assertIn("expired", self.request.message_ids[0].body)

    def test_release_page_is_framed_by_the_clinic_only(self):
        self.request.company_id.write(
            {"name": "Aspen Smiles Orthodontics", "phone": "+1 303-555-0142"}
        )
        page = self.url_open(self._url()).text
        self.assertIn("o_clinic_public_header", page)
        self.assertIn("Aspen Smiles Orthodontics", page)
        self.assertIn("+1 303-555-0142", page)
        for chrome in ("Powered by", "Your Logo", "Create a free website"):
            self.assertNotIn(chrome, page)
