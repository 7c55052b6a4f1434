# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import tagged

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsAudit(RecordsCommon):
    """Records requests and their documents are in the clinic audit trail."""

    def test_request_and_document_changes_are_audited(self):
        request = self.Request.create(
            {"patient_id": self.patient.id, "requester_id": self.patient.id}
        )
        document = self.env["clinic.records.document"].create(
            {
                "request_id": request.id,
                "name": "Chart",
                "file": base64.b64encode(b"chart"),
                "file_name": "chart.txt",
            }
        )
        Log = self.env["auditlog.log"]
        request_log = Log.search(
            [("model_model", "=", "clinic.records.request"), ("res_id", "=", request.id)]
        )
        document_log = Log.search(
            [("model_model", "=", "clinic.records.document"), ("res_id", "=", document.id)]
        )
        self.assertTrue(request_log)
        self.assertTrue(document_log)
        self.assertEqual(request_log[:1].clinic_patient_id, self.patient)
        self.assertEqual(document_log[:1].clinic_patient_id, self.patient)
        for line in (request_log | document_log).line_ids:
            self.assertFalse(line.new_value or line.new_value_text)
