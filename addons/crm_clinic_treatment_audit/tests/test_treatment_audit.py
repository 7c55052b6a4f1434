# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_clinic_audit.tests.common import ClinicAuditCommon


@tagged("post_install", "-at_install")
class TestTreatmentAudit(ClinicAuditCommon):
    """Treatment plans, phases, procedures and recalls are in the clinic audit trail."""

    def test_treatment_models_have_redacting_audit_rules(self):
        self.assertRedactedAuditRules(
            [
                "clinic.treatment.plan",
                "clinic.treatment.phase",
                "clinic.treatment.procedure",
                "clinic.recall",
            ]
        )

    def test_plan_changes_leave_redacted_rows_about_the_patient(self):
        patient = self.env["res.partner"].create(
            {"name": "Tia Secretname", "clinic_is_patient": True}
        )
        plan = self.env["clinic.treatment.plan"].create(
            {"name": "Aligners, 18 months", "patient_id": patient.id}
        )
        phase = self.env["clinic.treatment.phase"].create(
            {"plan_id": plan.id, "name": "Active treatment"}
        )
        plan.write({"name": "Aligners, 24 months"})
        self.assertRedactedAuditRows(phase, "create")
        log = self.assertRedactedAuditRows(plan, "write")
        self.assertEqual(log.clinic_patient_id, patient)
        self.assertIn("name", log.line_ids.mapped("field_name"))
