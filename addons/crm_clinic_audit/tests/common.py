# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

VALUE_KEYS = ("old_value", "new_value", "old_value_text", "new_value_text")


class ClinicAuditCommon(ClinicRolesCommon):
    """Checks shared by the audit bridges: a capability's PHI models have confirmed,
    redacting rules whose wrapper is in place, and their changes leave redacted rows."""

    def assertRedactedAuditRules(self, model_names):
        rules = self.env["auditlog.rule"].search(
            [("state", "=", "confirmed"), ("model_model", "in", model_names)]
        )
        for name in model_names:
            rule = rules.filtered(lambda r, m=name: r.model_model == m)
            self.assertTrue(rule, f"{name} has a confirmed audit rule")
            self.assertTrue(rule.clinic_redact_values, f"{name}: values are redacted")
            model_cls = self.env.registry[name]
            for method in ("create", "write", "unlink"):
                self.assertTrue(
                    hasattr(getattr(model_cls, method), "origin"),
                    f"{name}.{method} is wrapped by the audit",
                )

    def assertRedactedAuditRows(self, records, method):
        """Each record has a row for ``method``, naming no value; return the rows."""
        self.env.flush_all()
        logs = self.env["auditlog.log"].search(
            [
                ("model_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("method", "=", method),
            ]
        )
        self.assertEqual(set(logs.mapped("res_id")), set(records.ids), method)
        for log in logs:
            self.assertEqual(log.name, f"{records._name},{log.res_id}", "no display name")
            self.assertTrue(log.clinic_content_hash)
        for line in logs.line_ids:
            self.assertFalse(any(line[key] for key in VALUE_KEYS), line.field_name)
        return logs
