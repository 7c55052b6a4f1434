# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeTemplates(IntakeCommon):
    """Shipped templates, conditional logic and the JSON round-trip."""

    def test_shipped_templates_have_clinic_meaning(self):
        for name in ("medical_history", "insurance", "hipaa", "general_consent"):
            survey = self.env.ref(f"crm_intake_forms.intake_template_{name}")
            self.assertTrue(survey.clinic_is_intake, name)
            self.assertEqual(survey.access_mode, "token", name)
            self.assertTrue(survey.question_ids, name)
        self.assertEqual(self.medical.clinic_validity_months, 12)
        self.assertIn(
            self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_consult_scheduled"),
            self.medical.clinic_stage_ids,
        )
        self.assertTrue(self.general_consent.clinic_is_consent)
        self.assertEqual(len(self.general_consent.clinic_consent_version), 16)

    def test_medication_list_only_shows_when_taking_medications(self):
        medications = self.medical.question_ids.filtered(lambda q: q.clinic_key == "medications")
        trigger = self.medical.question_ids.filtered(lambda q: q.clinic_key == "takes_medications")
        self.assertEqual(medications.triggering_answer_ids.question_id, trigger)
        self.assertEqual(medications.triggering_answer_ids.value, "Yes")
        guardian = self.medical.question_ids.filtered(lambda q: q.clinic_key == "guardian_name")
        self.assertEqual(guardian.triggering_answer_ids.question_id.clinic_key, "is_minor")

    def test_export_then_import_gives_the_same_template(self):
        exported = self.medical._clinic_export_template()
        copy = self.env["survey.survey"]._clinic_import_template(json.dumps(exported))
        self.assertNotEqual(copy, self.medical)
        self.assertEqual(copy._clinic_export_template(), exported)
        self.assertEqual(copy.clinic_consent_version, self.medical.clinic_consent_version)
        self.assertEqual(len(copy.question_ids), len(self.medical.question_ids))

    def test_export_action_returns_a_json_download(self):
        action = self.insurance.action_clinic_export_json()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        data = json.loads(self.env["ir.attachment"].browse(attachment_id).raw)
        self.assertEqual(data["category"], "insurance")

    def test_invalid_json_imports_nothing(self):
        Survey = self.env["survey.survey"]
        before = Survey.search_count([])
        with self.assertRaisesRegex(ValidationError, "not valid JSON"):
            Survey._clinic_import_template('{"format": "clinic-intake-template",')
        bad = self.medical._clinic_export_template()
        bad["category"] = "astrology"
        bad["pages"][2]["questions"][2]["show_if"] = [{"question": "nope", "answer": "Yes"}]
        bad["pages"][0]["questions"][0]["maps_to"] = "shoe_size"
        with self.assertRaises(ValidationError) as caught:
            Survey._clinic_import_template(json.dumps(bad))
        message = str(caught.exception)
        self.assertIn("“category” must be one of", message)
        self.assertIn("Page 3, question 3: “show_if”", message)
        self.assertIn("“maps_to” shoe_size is not a known patient field", message)
        self.assertEqual(Survey.search_count([]), before)

    def test_import_wizard_creates_the_template(self):
        import base64

        data = self.insurance._clinic_export_template()
        data["title"] = "Insurance (Northside)"
        wizard = self.env["clinic.intake.template.import"].create(
            {"file": base64.b64encode(json.dumps(data).encode())}
        )
        action = wizard.action_import()
        survey = self.env["survey.survey"].browse(action["res_id"])
        self.assertEqual(survey.title, "Insurance (Northside)")
        self.assertEqual(survey.clinic_intake_category, "insurance")

    def test_shipped_schema_is_valid_json_describing_the_format(self):
        from odoo.tools import file_open

        with file_open("crm_intake_forms/data/intake_template.schema.json") as handle:
            schema = json.load(handle)
        self.assertEqual(schema["properties"]["format"]["const"], "clinic-intake-template")
        categories = set(schema["properties"]["category"]["enum"])
        self.assertEqual(
            categories,
            {
                key
                for key, _label in self.env["survey.survey"]
                ._fields["clinic_intake_category"]
                .selection
            },
        )
