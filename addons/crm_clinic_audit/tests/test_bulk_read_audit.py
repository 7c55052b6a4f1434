# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install")
class TestBulkReadAudit(ClinicRolesCommon):
    """Lists, searches, multi-record reads and exports of PHI leave one audit row per
    call (model, ids, fields, user), for one query more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["auditlog.log"]
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"Lead {i}",
                    "clinic_first_name": f"Pat{i}",
                    "type": "lead",
                    "team_id": cls.ortho_team.id,
                }
                for i in range(20)
            ]
        )
        cls.patients = cls.env["res.partner"].create(
            [{"name": f"Patient {i}", "clinic_is_patient": True} for i in range(3)]
        )
        cls.user = cls.users["front_desk"]

    def _new_rows(self, before):
        return self.Log.search([("id", ">", before)], order="id")

    def _last_id(self):
        return self.Log.search([], order="id desc", limit=1).id

    def assertBulkRow(self, rows, model, method, ids, fields):
        self.assertEqual(len(rows), 1, f"one row per call: {rows.mapped('method')}")
        self.assertRecordValues(
            rows,
            [
                {
                    "model_model": model,
                    "method": method,
                    "user_id": self.user.id,
                    "clinic_user_role": "Front Desk",
                    "clinic_read_fields": ",".join(sorted(fields)),
                }
            ],
        )
        self.assertEqual(sorted(json.loads(rows.res_ids)), sorted(ids))
        self.assertTrue(rows.clinic_content_hash)

    def test_list_load_is_one_row_with_model_ids_fields_and_user(self):
        before = self._last_id()
        self.env["crm.lead"].with_user(self.user).web_search_read(
            [("id", "in", self.leads.ids)], {"name": {}, "email_from": {}}
        )
        self.assertBulkRow(
            self._new_rows(before),
            "crm.lead",
            "web_search_read",
            self.leads.ids,
            ["name", "email_from"],
        )

    def test_search_read_and_multi_record_read_are_audited(self):
        before = self._last_id()
        Partner = self.env["res.partner"].with_user(self.user)
        Partner.search_read([("id", "in", self.patients.ids)], ["name", "phone"])
        self.assertBulkRow(
            self._new_rows(before),
            "res.partner",
            "search_read",
            self.patients.ids,
            ["name", "phone"],
        )
        before = self._last_id()
        self.leads[:5].with_user(self.user).read(["name"])
        self.assertBulkRow(self._new_rows(before), "crm.lead", "read", self.leads[:5].ids, ["name"])
        # One record read is not a bulk read (a form opening is audited on its own).
        before = self._last_id()
        self.leads[0].with_user(self.user).read(["name"])
        self.assertFalse(self._new_rows(before))

    def test_export_is_one_row_with_its_fields(self):
        self.user.group_ids += self.env.ref("base.group_allow_export")
        before = self._last_id()
        self.leads.with_user(self.user).export_data(["name", "email_from"])
        self.assertBulkRow(
            self._new_rows(before),
            "crm.lead",
            "export_data",
            self.leads.ids,
            ["name", "email_from"],
        )

    def test_superuser_and_unaudited_models_leave_no_row(self):
        before = self._last_id()
        self.env["crm.lead"].search_read([("id", "in", self.leads.ids)], ["name"])
        self.env["crm.team"].with_user(self.user).search_read([], ["name"])
        self.assertFalse(self._new_rows(before))

    def test_list_load_costs_one_query_more_whatever_its_size(self):
        Lead = self.env["crm.lead"].with_user(self.user)
        Lead.web_search_read([("id", "in", self.leads.ids)], {"name": {}})
        # Without the audit this call costs 3 queries (search, name, count-less page).
        with self.assertQueryCount(4):
            Lead.web_search_read([("id", "in", self.leads.ids)], {"name": {}})
        with self.assertQueryCount(4):
            Lead.web_search_read([("id", "in", self.leads[:3].ids)], {"name": {}})
