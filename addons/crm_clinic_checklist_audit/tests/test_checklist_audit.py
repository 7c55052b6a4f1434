# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_audit.tests.common import ClinicAuditCommon


@tagged("post_install", "-at_install")
class TestChecklistAudit(ClinicAuditCommon):
    """Onboarding checklist items are in the clinic audit trail, values redacted."""

    def test_checklist_line_model_has_a_redacting_audit_rule(self):
        self.assertRedactedAuditRules(["clinic.checklist.line"])

    def test_checklist_item_changes_leave_redacted_rows(self):
        line = self.env["clinic.checklist.line"].create(
            {"lead_id": self.lead.id, "name": "Medical history reviewed"}
        )
        line.write({"name": "Medical history and allergies reviewed"})
        self.assertRedactedAuditRows(line, "create")
        log = self.assertRedactedAuditRows(line, "write")
        self.assertIn("name", log.line_ids.mapped("field_name"))
