# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_ortho_onboarding.tests.letter_common import pdf_text, set_letterhead

from .common import IntakeCommon


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
