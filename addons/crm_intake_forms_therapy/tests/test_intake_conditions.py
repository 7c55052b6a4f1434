# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeConditions(IntakeCommon):
    """An ABA intake form fills the same condition records as the opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aba_form = cls.env["survey.survey"].create(
            {
                "title": "ABA intake",
                "clinic_intake_category": "aba_intake",
                "question_and_page_ids": [
                    (0, 0, {"title": "Diagnosis code", "question_type": "char_box",
                            "clinic_key": "code", "clinic_intake_field": "diagnosis_code"}),
                    (0, 0, {"title": "Diagnosis", "question_type": "char_box",
                            "clinic_key": "name", "clinic_intake_field": "diagnosis_name"}),
                ],
            }
        )  # fmt: skip

    def test_diagnosis_answer_becomes_a_condition(self):
        request = self._make_request(self.aba_form, self.adult)
        self._answer(request, {"code": "f84.0", "name": "Autism spectrum disorder"})
        self.assertRecordValues(
            self.adult.clinic_condition_ids,
            [{"code": "F84.0", "name": "Autism spectrum disorder", "patient_id": self.adult.id}],
        )

    def test_bad_code_is_left_for_review_without_failing_the_form(self):
        request = self._make_request(self.aba_form, self.adult)
        self._answer(request, {"code": "autism", "name": "Autism"})
        self.assertEqual(request.state, "done")
        self.assertFalse(self.adult.clinic_condition_ids)
        self.assertIn("not an ICD-10 code", request.review_note)
