# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeAudit(IntakeCommon):
    """This addon's PHI models are in the clinic audit trail, values redacted."""

    def test_intake_models_have_audit_rules(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "confirmed")])
        for model in (
            "clinic.intake.request",
            "survey.user_input",
            "clinic.consent",
            "clinic.medical.history",
            "clinic.insurance.policy",
        ):
            rule = rules.filtered(lambda r, m=model: r.model_model == m)
            self.assertTrue(rule, model)
            self.assertTrue(rule.clinic_redact_values, model)

    def test_request_changes_leave_redacted_audit_rows(self):
        request = self._make_request(self.medical, self.adult)
        self.env.flush_all()
        model = self.env["ir.model"]._get("clinic.intake.request")
        logs = self.env["auditlog.log"].search(
            [("model_id", "=", model.id), ("res_id", "=", request.id)]
        )
        self.assertIn("create", logs.mapped("method"))
        self.assertEqual(logs.clinic_patient_id, self.adult)
        for line in logs.line_ids:
            self.assertFalse(line.new_value or line.new_value_text or line.old_value)

    def test_bulk_reads_of_histories_and_consents_leave_one_row_per_call(self):
        request = self._make_request(self.medical, self.adult)
        self._answer(request, {"has_allergies": "Yes", "allergies": "Latex"})
        other = self._make_request(self.medical, self.minor, self.guardian)
        self._answer(other, {"has_allergies": "No"})
        histories = self.env["clinic.medical.history"].search(
            [("patient_id", "in", (self.adult | self.minor).ids)]
        )
        self.assertEqual(len(histories), 2)
        Log = self.env["auditlog.log"]
        last = Log.search([], order="id desc", limit=1).id
        doctor = self.users["doctor"]
        self.env["clinic.medical.history"].with_user(doctor).search_read(
            [("id", "in", histories.ids)], ["allergies"]
        )
        self.env["clinic.consent"].with_user(doctor).search_read([], ["consent_type"], limit=5)
        rows = Log.search([("id", ">", last)], order="id")
        row = rows.filtered(lambda r: r.model_model == "clinic.medical.history")
        self.assertEqual(len(row), 1)
        self.assertEqual(row.method, "search_read")
        self.assertEqual(row.user_id, doctor)
        self.assertEqual(row.clinic_read_fields, "allergies")
        self.assertEqual(sorted(json.loads(row.res_ids)), sorted(histories.ids))
