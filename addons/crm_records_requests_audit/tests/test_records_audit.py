# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from odoo.addons.crm_records_requests.tests.common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsAudit(RecordsCommon):
    """Records requests and their documents are in the clinic audit trail."""

    def test_records_models_have_redacting_audit_rules(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "confirmed")])
        for model in ("clinic.records.request", "clinic.records.document"):
            rule = rules.filtered(lambda r, m=model: r.model_model == m)
            self.assertTrue(rule, model)
            self.assertTrue(rule.clinic_redact_values, model)

    def test_request_changes_leave_redacted_audit_rows(self):
        request = self._request()
        self._add_document(request)
        self.env.flush_all()
        Log = self.env["auditlog.log"]
        for model_name, record in (
            ("clinic.records.request", request),
            ("clinic.records.document", request.document_ids),
        ):
            model = self.env["ir.model"]._get(model_name)
            logs = Log.search([("model_id", "=", model.id), ("res_id", "in", record.ids)])
            self.assertIn("create", logs.mapped("method"), model_name)
            for line in logs.line_ids:
                self.assertFalse(line.new_value or line.new_value_text or line.old_value)

    def test_list_of_records_requests_is_one_audit_row(self):
        requests = self._request() | self._request()
        Log = self.env["auditlog.log"]
        last = Log.search([], order="id desc", limit=1).id
        admin = self.users["clinic_admin"]
        self.env["clinic.records.request"].with_user(admin).web_search_read(
            [("id", "in", requests.ids)], {"name": {}, "state": {}}
        )
        row = Log.search([("id", ">", last), ("model_model", "=", "clinic.records.request")])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.method, "web_search_read")
        self.assertEqual(row.user_id, admin)
        self.assertEqual(sorted(json.loads(row.res_ids)), sorted(requests.ids))
        self.assertEqual(row.clinic_read_fields, "name,state")
