# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_audit.tests.common import ClinicAuditCommon


@tagged("post_install", "-at_install")
class TestTherapyAudit(ClinicAuditCommon):
    """Diagnoses and insurance authorizations are in the clinic audit trail, values redacted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create(
            {"name": "Theo Secretname", "clinic_is_patient": True}
        )

    def test_therapy_models_have_redacting_audit_rules(self):
        self.assertRedactedAuditRules(["clinic.patient.condition", "clinic.authorization"])

    def test_diagnosis_changes_leave_redacted_rows_about_the_patient(self):
        condition = self.env["clinic.patient.condition"].create(
            {"code": "F84.0", "name": "Autism spectrum disorder", "patient_id": self.patient.id}
        )
        condition.write({"note": "Secret clinical note"})
        self.assertRedactedAuditRows(condition, "create")
        log = self.assertRedactedAuditRows(condition, "write")
        self.assertEqual(log.clinic_patient_id, self.patient)
        self.assertIn("note", log.line_ids.mapped("field_name"))
