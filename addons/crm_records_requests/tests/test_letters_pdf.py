# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_ortho_onboarding.tests.letter_common import pdf_text, set_letterhead

from .common import RecordsCommon

XMLID = "crm_records_requests.clinic_records_jurisdiction_"


@tagged("post_install", "-at_install")
class TestRecordsLettersPdf(RecordsCommon, HttpCase):
    """The denial letter and the fee statement really go through wkhtmltopdf: their text
    can be extracted, they carry the clinic's letterhead in the page and a person signs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_letterhead(cls.company)
        cls.doctor = cls.users["doctor"]
        cls.doctor.write({"name": "Grace Holloway", "clinic_letter_title": "Orthodontist, DDS"})
        cls.users["front_desk"].write({"name": "Tom Baker", "function": "Records Clerk"})

    def _pdf(self, report, request):
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(f"crm_records_requests.{report}", request.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf_text(pdf)

    def _assert_letterhead(self, text):
        self.assertIn("Aspen Smiles Orthodontics", text)
        self.assertIn("1200 Pine Street", text)
        self.assertIn("Denver, CO 80202", text)
        self.assertIn("+1 303-555-0142", text)

    def test_denial_letter_on_letterhead_signed_by_the_doctor_who_denied(self):
        request = self._request(
            requester_id=self.parent.id,
            requester_type="guardian",
            user_id=self.users["front_desk"].id,
            denial_reason="psychotherapy_notes",
            denial_note="The session notes you asked for are psychotherapy notes.",
            denial_review_rights=True,
        )
        request.action_start_verification()
        request.with_user(self.doctor).action_deny()
        self.assertEqual(request.decided_by_id, self.doctor)
        text = self._pdf("action_report_records_denial_letter", request)
        self._assert_letterhead(text)
        self.assertIn("Dear Rose Records,", text)
        self.assertIn("The session notes you asked for are psychotherapy notes.", text)
        # The review sentence names the address it refers to, and the complaint is said once.
        self.assertIn(
            "reviewed by writing to Aspen Smiles Orthodontics, 1200 Pine Street, Denver", text
        )
        self.assertEqual(text.count("file a complaint"), 1)
        self.assertIn("Grace Holloway Orthodontist, DDS", text)
        for not_a_signer in ("OdooBot", "System", "Tom Baker"):
            self.assertNotIn(not_a_signer, text)

    def test_fee_statement_at_zero_says_why(self):
        request = self._request(
            requester_id=self.provider.id,
            requester_type="provider",
            jurisdiction_id=self.env.ref(XMLID + "us_az").id,
            purpose_category="continuity_of_care",
            record_format="paper",
            page_count=50,
            user_id=self.users["front_desk"].id,
        )
        self.assertEqual(request.fee_estimate, 0.0)
        text = self._pdf("action_report_records_fee_receipt", request)
        self._assert_letterhead(text)
        self.assertIn("Fee statement", text)
        self.assertIn("No fee: continuity of care", text)
        self.assertIn("Tom Baker Records Clerk", text, "signed by the responsible person")
        self.assertNotIn("OdooBot", text)

    def test_fee_statement_with_nothing_chargeable_says_why(self):
        request = self._request(jurisdiction_id=self.colorado.id, record_format="paper")
        self.assertEqual(request.fee_estimate, 0.0)
        self.assertIn("No fee: nothing chargeable", request.fee_explanation)
        text = self._pdf("action_report_records_fee_receipt", request)
        self.assertIn("No fee: nothing chargeable", text)

    def test_fee_statement_lists_the_computation(self):
        request = self._request(
            requester_id=self.attorney.id,
            requester_type="attorney",
            jurisdiction_id=self.env.ref(XMLID + "us_ny").id,
            record_format="paper",
            page_count=10,
        )
        text = self._pdf("action_report_records_fee_receipt", request)
        self.assertIn("10 pages × 0.75", text)
        self.assertIn("Lex & Law LLP", text, "addressed to the requester")
