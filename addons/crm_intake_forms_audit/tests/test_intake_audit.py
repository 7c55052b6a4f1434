# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
