# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_ortho_onboarding.tests.letter_common import pdf_text, set_letterhead

from .common import PNG, IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakePdf(IntakeCommon, HttpCase):
    """The completed form's PDF goes through wkhtmltopdf with the clinic's letterhead in
    the page, and its text can be extracted (searchable, accessible)."""

    def test_completed_form_pdf_has_letterhead_and_extractable_answers(self):
        set_letterhead(self.env.company)
        request = self._make_request(self.medical, self.adult)
        self._answer(
            request,
            {
                "is_minor": "No",
                "conditions": ["Asthma"],
                "takes_medications": "No",
                "has_allergies": "Yes",
                "allergies": "Penicillin",
                "premedication": "No",
            },
        )
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("crm_intake_forms.action_report_intake_request", request.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (
            "Aspen Smiles Orthodontics",
            "1200 Pine Street",
            "Denver, CO 80202",
            "+1 303-555-0142",
            "Olivia Grant",
            "Penicillin",
        ):
            self.assertIn(expected, text)

    def test_signed_consent_pdf_carries_the_drawn_signature_and_document_hash(self):
        set_letterhead(self.env.company)
        request = self._make_request(self.general_consent, self.minor, self.guardian)
        self._answer(request, {"agree": "I agree", "signer_relation": "Parent"})
        # Answered, not signed: no consent yet, the request waits for the signature.
        self.assertFalse(request.consent_ids)
        self.assertTrue(request._clinic_awaiting_signature())
        consent = request.sudo()._clinic_sign("Hannah Park", PNG)
        self.assertEqual(consent.state, "valid")
        self.assertEqual(request.state, "done")
        self.assertTrue(consent.pdf_attachment_id)
        self.assertEqual(consent.pdf_attachment_id, request.pdf_attachment_id)
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("crm_intake_forms.action_report_intake_request", request.ids)
        )
        text = pdf_text(pdf)
        for expected in (
            "Signature",
            "Hannah Park",
            "Parent",
            "Document SHA-256",
            consent.document_hash[:16],
            "Aspen Smiles Orthodontics",
        ):
            self.assertIn(expected, text)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crm_intake_forms.action_report_intake_request", request.ids
        )
        self.assertIn(b"data:image/png;base64,", html, "the drawn signature is in the document")

    def test_consent_without_the_required_signature_is_not_valid(self):
        consent = self.env["clinic.consent"].create(
            {
                "patient_id": self.adult.id,
                "survey_id": self.general_consent.id,
                "consent_type": "general_consent",
                "signer_id": self.adult.id,
                "signer_relation": "self",
                "signature_name": "Olivia Grant",
            }
        )
        self.assertEqual(consent.state, "unsigned")
        consent._clinic_add_drawn_signature("Olivia Grant", PNG)
        self.assertEqual(consent.state, "valid")
