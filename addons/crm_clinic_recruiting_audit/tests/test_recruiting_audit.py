# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_audit.tests.common import ClinicAuditCommon


@tagged("post_install", "-at_install")
class TestRecruitingAudit(ClinicAuditCommon):
    """Practitioners' credentials are in the clinic audit trail, values redacted."""

    def test_qualification_model_has_a_redacting_audit_rule(self):
        self.assertRedactedAuditRules(["clinic.practitioner.qualification"])

    def test_credential_changes_leave_redacted_rows(self):
        practitioner = self.env["res.partner"].create(
            {"name": "Ruth Applicant", "clinic_is_practitioner": True}
        )
        qualification = self.env["clinic.practitioner.qualification"].create(
            {
                "partner_id": practitioner.id,
                "role_id": self.env.ref("crm_ortho_onboarding.clinic_practitioner_role_bcba").id,
                "number": "BCBA-1-23-45678",
            }
        )
        qualification.write({"number": "BCBA-1-23-99999"})
        self.assertRedactedAuditRows(qualification, "create")
        log = self.assertRedactedAuditRows(qualification, "write")
        self.assertIn("number", log.line_ids.mapped("field_name"))
