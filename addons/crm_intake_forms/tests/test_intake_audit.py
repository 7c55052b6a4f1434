# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import IntakeCommon


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

    def test_intake_request_changes_and_openings_are_audited(self):
        request = self._make_request(self.medical, self.adult)
        Log = self.env["auditlog.log"]
        domain = [("model_model", "=", "clinic.intake.request"), ("res_id", "=", request.id)]
        self.assertTrue(Log.search(domain + [("method", "=", "create")]))
        self.assertEqual(Log.search(domain, limit=1).clinic_patient_id, self.adult)
        coordinator = self.users["treatment_coordinator"]
        request.with_user(coordinator).web_read({"state": {}})
        opened = Log.search(domain + [("method", "=", "read")])
        self.assertEqual(opened.user_id, coordinator)
        for line in Log.search(domain).line_ids:
            self.assertFalse(line.new_value or line.old_value)
