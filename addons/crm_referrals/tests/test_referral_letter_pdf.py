# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.crm_ortho_onboarding.tests.letter_common import pdf_text, set_letterhead


@tagged("post_install", "-at_install")
class TestReferralLetterPdf(HttpCase):
    """The letter really goes through wkhtmltopdf: its text can be extracted, it carries
    the clinic's letterhead in the page, greets the provider and a person signs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_letterhead(cls.env.company)
        cls.coordinator = new_test_user(
            cls.env,
            login="letter_coordinator",
            name="Nora Quinn",
            groups="crm_ortho_onboarding.group_clinic_treatment_coordinator",
        )
        cls.dentist = cls.env["res.partner"].create(
            {
                "name": "Dr. Alan Whitaker, DDS",
                "email": "pdf@example.com",
                "clinic_npi": "1000000004",
                "street": "1600 Colfax Ave",
                "city": "Denver",
                "zip": "80206",
                "state_id": cls.env.ref("base.state_us_6").id,
            }
        )

    def _referral(self, **vals):
        values = {
            "provider_id": self.dentist.id,
            "patient_name": "Penelope Quill",
            "findings": "<p>Severe crowding of the lower incisors.</p>",
            "user_id": self.coordinator.id,
        }
        values.update(vals)
        return self.env["clinic.referral"].create(values)

    def _letter_text(self, letter):
        pdf = letter.with_context(force_report_rendering=True)._clinic_render_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(len(PdfFileReader(io.BytesIO(pdf)).pages), 1)
        return pdf_text(pdf)

    def test_letter_pdf_text_has_letterhead_salutation_and_signature(self):
        letter = self._referral()._clinic_queue_letter("consult_summary")
        text = self._letter_text(letter)
        # the clinic's letterhead, in the page
        self.assertIn("Aspen Smiles Orthodontics", text)
        self.assertIn("1200 Pine Street", text)
        self.assertIn("Denver, CO 80202", text)
        self.assertIn("+1 303-555-0142", text)
        # the provider's address, the greeting and the letter's merge fields
        self.assertIn("Dr. Alan Whitaker, DDS 1600 Colfax Ave Denver, CO 80206", text)
        self.assertIn("Dear Dr. Whitaker,", text)
        self.assertNotIn("Dear Dr. Alan", text)
        self.assertIn("Penelope Quill", text)
        self.assertIn("Severe crowding of the lower incisors", text)
        # signed by the coordinator with their title
        self.assertIn("Sincerely, Nora Quinn Treatment Coordinator", text)

    def test_letter_queued_by_the_system_is_signed_by_the_coordinator(self):
        self.coordinator.clinic_letter_title = "Patient Care Coordinator"
        referral = self._referral()
        root = self.env.ref("base.user_root")
        letter = referral.with_user(root).sudo()._clinic_queue_letter("treatment_completed")
        self.assertEqual(letter.signatory_id, self.coordinator)
        text = self._letter_text(letter)
        self.assertIn("Nora Quinn Patient Care Coordinator", text)
        for not_a_signer in ("OdooBot", "System"):
            self.assertNotIn(not_a_signer, text)

    def test_letter_without_coordinator_is_not_signed_by_odoobot(self):
        referral = self._referral(user_id=False)
        root = self.env.ref("base.user_root")
        letter = referral.with_user(root).sudo()._clinic_queue_letter("treatment_completed")
        self.assertNotEqual(letter.signatory_id, root)
        text = self._letter_text(letter)
        self.assertNotIn("OdooBot", text)

    def test_salutations_greet_by_honorific_and_last_name(self):
        Partner = self.env["res.partner"]
        for name, expected in (
            ("Dr. Alan Whitaker, DDS", "Dr. Whitaker"),
            ("Alan Whitaker, DMD", "Dr. Whitaker"),
            ("Dr Maria de la Cruz, DDS, MS", "Dr. de la Cruz"),
            ("Ms. Jane Doe", "Ms. Doe"),
            ("Jane Doe, RN", "Jane Doe"),
            ("Rose Records", "Rose Records"),
        ):
            with self.subTest(name=name):
                self.assertEqual(Partner.new({"name": name}).clinic_salutation, expected)
        practice = Partner.new({"name": "Bright Smiles, LLC", "is_company": True})
        self.assertEqual(practice.clinic_salutation, "Bright Smiles, LLC")
