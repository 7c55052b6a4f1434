# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import shutil
from datetime import date
from unittest.mock import patch

from PIL import Image, ImageDraw, ImageFont

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.base.models.ir_cron import IrCron

from ..models import clinic_ocr_document, clinic_ocr_tools
from .common import RecordsCommon

SCAN_LINES = (
    "PANORAMIC RADIOGRAPH REPORT",
    "Patient: Lily Records",
    "DOB: 04/12/2011",
    "X-ray taken 03/05/2024 at Smile Dental",
    "Findings: impacted upper canine, crowding.",
    "Follow-up radiograph 06/10/2024",
)


def scanned_page(lines=SCAN_LINES, fmt="PNG"):
    """A page of text rendered as an image, as a scanner would produce it."""
    font = ImageFont.truetype(file_path("web/static/fonts/sign/NotoSans-Reg.ttf"), 34)
    image = Image.new("L", (1500, 120 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((50, 40 + index * 70), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


@tagged("post_install", "-at_install", "clinic_assist")
class TestOcr(RecordsCommon):
    """Scanned records are read in the background and suggest patient, type and dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient.clinic_birthdate = date(2011, 4, 12)
        cls.OcrDocument = cls.env["clinic.ocr.document"]
        # Demo scans (when demo data is loaded) would join the queue of these tests.
        cls.OcrDocument.search([]).unlink()

    def setUp(self):
        super().setUp()
        # The cron commits after each batch; a test must not.
        self.startPatcher(patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0))

    def _scan_on_request(self, content=None, name="Panoramic"):
        request = self._request()
        return self.env["clinic.records.document"].create(
            {
                "request_id": request.id,
                "name": name,
                "file": base64.b64encode(content or scanned_page()),
                "file_name": "scan.png",
            }
        )

    def test_scan_on_a_request_is_queued_not_read_in_the_request(self):
        document = self._scan_on_request()
        job = document.ocr_document_ids
        self.assertEqual(len(job), 1)
        self.assertEqual(job.state, "queued")
        self.assertFalse(job.text)

    def test_ocr_of_a_scanned_page_finds_name_dates_and_type(self):
        if clinic_ocr_tools.engine_problem():
            self.skipTest(clinic_ocr_tools.engine_problem())
        document = self._scan_on_request()
        self.OcrDocument._cron_process_queue()
        job = document.ocr_document_ids
        self.assertEqual(job.state, "done", job.error)
        self.assertIn("Lily Records", job.text)
        self.assertIn("04/12/2011", job.text)
        self.assertRecordValues(
            job,
            [
                {
                    "suggested_patient_id": self.patient.id,
                    "suggested_birthdate": date(2011, 4, 12),
                    "suggested_type": "xray_report",
                    "date_from": date(2024, 3, 5),
                    "date_to": date(2024, 6, 10),
                    "patient_id": self.patient.id,
                }
            ],
        )
        self.assertEqual(job.suggestion_reason, "Name and birthdate match")
        # The text is searchable.
        found = self.OcrDocument.search([("text", "ilike", "impacted upper canine")])
        self.assertIn(job, found)

    def test_confirming_files_the_records_document(self):
        document = self._scan_on_request()
        job = document.ocr_document_ids
        job.write(job._prepare_suggestion_values("\n".join(SCAN_LINES)))
        job.with_user(self.users["clinic_admin"]).action_confirm()
        self.assertEqual(job.state, "confirmed")
        self.assertEqual(job.confirmed_by_id, self.users["clinic_admin"])
        self.assertEqual(
            document.record_type_id,
            self.env.ref("crm_records_requests.clinic_records_type_imaging"),
        )

    def test_confirming_needs_a_patient(self):
        job = self._scan_on_request().ocr_document_ids
        job.write(job._prepare_suggestion_values("Referral letter. Dear Dr. Smith, sincerely"))
        self.assertEqual(job.suggested_type, "referral_letter")
        self.assertFalse(job.patient_id)
        with self.assertRaisesRegex(UserError, "choose the patient"):
            job.action_confirm()

    def test_name_only_match_says_so(self):
        job = self._scan_on_request().ocr_document_ids
        job.write(job._prepare_suggestion_values("Member: Lily Records\nGroup number 123"))
        self.assertEqual(job.suggested_patient_id, self.patient)
        self.assertEqual(job.suggested_type, "insurance_card")
        self.assertIn("no birthdate", job.suggestion_reason)

    def test_missing_tesseract_fails_with_a_clear_message(self):
        job = self._scan_on_request().ocr_document_ids
        real_which = shutil.which

        def which(name, *args, **kwargs):
            return None if name == "tesseract" else real_which(name, *args, **kwargs)

        with patch.object(clinic_ocr_tools.shutil, "which", which):
            self.OcrDocument._cron_process_queue()
            self.assertIn("Tesseract is not installed", job.engine_warning)
        self.assertEqual(job.state, "failed")
        self.assertIn("OCR is not available: Tesseract is not installed", job.error)
        self.assertIn("tesseract-ocr", job.error)
        job.action_retry()
        self.assertEqual(job.state, "queued")

    def test_unreadable_file_fails_without_stopping_the_queue(self):
        bad = self._scan_on_request(name="Broken")
        good = self._scan_on_request(name="Good")
        with patch.object(clinic_ocr_document, "ocr_image", side_effect=[OSError("bad"), "text"]):
            self.OcrDocument._cron_process_queue()
        self.assertEqual(bad.ocr_document_ids.state, "failed")
        self.assertEqual(good.ocr_document_ids.state, "done")

    def test_scan_attached_to_a_patient_is_queued(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "insurance-card.png",
                "raw": scanned_page(["Member: Lily Records", "Member ID 555"]),
                "res_model": "res.partner",
                "res_id": self.patient.id,
            }
        )
        job = self.OcrDocument.search([("attachment_id", "=", attachment.id)])
        self.assertEqual(job.attached_partner_id, self.patient)
        self.assertEqual(job.state, "queued")
        # Not for a text file, nor for someone who is not a patient.
        self.env["ir.attachment"].create(
            {"name": "n.txt", "raw": b"x", "res_model": "res.partner", "res_id": self.patient.id}
        )
        self.env["ir.attachment"].create(
            {
                "name": "p.png",
                "raw": scanned_page(["x"]),
                "res_model": "res.partner",
                "res_id": self.attorney.id,
            }
        )
        self.assertEqual(self.OcrDocument.search_count([]), 1)

    def test_roles_without_records_permissions_cannot_read_scans(self):
        job = self._scan_on_request().ocr_document_ids
        for role in ("read_only", "clinical_staff", "billing", "treatment_coordinator"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                job.with_user(self.users[role]).read(["text"])
        self.assertTrue(job.with_user(self.users["front_desk"]).read(["text"]))
        # A Doctor holds records:authorize (specification): reads the scan, changes nothing.
        self.assertTrue(job.with_user(self.users["doctor"]).read(["text"]))
        with self.assertRaises(AccessError):
            job.with_user(self.users["doctor"]).write({"date_from": date(2024, 1, 1)})
        with self.assertRaises(AccessError):
            job.with_user(self.users["front_desk"]).unlink()
        job.with_user(self.users["clinic_admin"]).write({"date_from": date(2024, 1, 1)})

    def test_other_company_cannot_see_scans(self):
        self._scan_on_request()
        other = self.env["res.company"].create({"name": "Other Clinic"})
        user = self.users["clinic_admin"]
        user.write({"company_ids": [(4, other.id)], "company_id": other.id})
        jobs = self.OcrDocument.with_user(user).with_context(allowed_company_ids=[other.id])
        self.assertFalse(jobs.search([]))
