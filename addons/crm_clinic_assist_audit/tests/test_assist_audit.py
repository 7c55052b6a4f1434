# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_audit.tests.common import ClinicAuditCommon


@tagged("post_install", "-at_install")
class TestAssistAudit(ClinicAuditCommon):
    """The classifier's readings of patients' messages are in the audit trail, redacted."""

    def test_message_classification_model_has_a_redacting_audit_rule(self):
        self.assertRedactedAuditRules(["clinic.message.classification"])

    def test_reading_corrections_leave_redacted_rows(self):
        labels = {"sentiment": "negative", "urgency": "pain", "intent": "none"}
        reading = self.env["clinic.message.classification"].create(
            {
                "lead_id": self.lead.id,
                "excerpt": "My daughter's brace broke and it hurts",
                **labels,
                **{f"predicted_{key}": value for key, value in labels.items()},
            }
        )
        reading.write({"sentiment": "neutral"})
        self.assertRedactedAuditRows(reading, "create")
        log = self.assertRedactedAuditRows(reading, "write")
        self.assertIn("sentiment", log.line_ids.mapped("field_name"))
