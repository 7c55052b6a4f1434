# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_referrals.tests.common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralAudit(ReferralCommon):
    """Referrals and their letters are in the clinic audit trail, values redacted."""

    def test_referral_models_have_redacting_audit_rules(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "confirmed")])
        for model in ("clinic.referral", "clinic.referral.letter"):
            rule = rules.filtered(lambda r, m=model: r.model_model == m)
            self.assertTrue(rule, model)
            self.assertTrue(rule.clinic_redact_values, model)

    def test_referral_changes_leave_redacted_audit_rows(self):
        referral = self.env["clinic.referral"].create({"provider_id": self.dentist.id})
        referral.write({"patient_name": "Leo Secret"})
        self.env.flush_all()
        model = self.env["ir.model"]._get("clinic.referral")
        logs = self.env["auditlog.log"].search(
            [("model_id", "=", model.id), ("res_id", "=", referral.id)]
        )
        self.assertEqual(set(logs.mapped("method")), {"create", "write"})
        for line in logs.line_ids:
            self.assertFalse(line.new_value or line.new_value_text or line.old_value)
        self.assertFalse(any("Leo Secret" in (log.name or "") for log in logs))
