# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.pdf import PdfFileReader


@tagged("post_install", "-at_install")
class TestReferralLetterPdf(HttpCase):
    """The letter really goes through wkhtmltopdf, on the company letterhead."""

    def test_letter_pdf_has_merge_fields_filled(self):
        dentist = self.env["res.partner"].create(
            {"name": "Dr. Pdf Whitman", "email": "pdf@example.com", "clinic_npi": "1000000004"}
        )
        referral = self.env["clinic.referral"].create(
            {
                "provider_id": dentist.id,
                "patient_name": "Penelope Quill",
                "findings": "<p>Severe crowding of the lower incisors.</p>",
            }
        )
        letter = referral._clinic_queue_letter("consult_summary")
        pdf = letter.with_context(force_report_rendering=True)._clinic_render_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(len(PdfFileReader(io.BytesIO(pdf)).pages), 1)
        # wkhtmltopdf here draws text as outlines (no extractable text): the merge fields
        # are checked on the same report rendered as HTML.
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "crm_referrals.action_report_referral_letter", letter.ids
        )
        text = " ".join(html2plaintext(html.decode()).split())
        self.assertIn("Dr. Pdf Whitman", text)
        self.assertIn("Dear Dr. Pdf Whitman", text)
        self.assertIn("Penelope Quill", text)
        self.assertIn("Severe crowding of the lower incisors", text)
        self.assertIn(self.env.company.name, text, "on the practice letterhead")
