# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ClinicRolesCommon

# What the clinic kanban card reads (see views/crm_lead_views.xml).
KANBAN_FIELDS = [
    "name",
    "clinic_lead_type",
    "clinic_first_name",
    "clinic_last_name",
    "clinic_age",
    "clinic_is_existing_patient",
    "contact_name",
    "source_id",
    "user_id",
    "team_id",
    "stage_id",
    "priority",
    "activity_ids",
    "activity_state",
    "tag_ids",
]


@tagged("post_install", "-at_install", "clinic_leads")
class TestLeadPerformance(ClinicRolesCommon):
    def _read_kanban(self, leads):
        spec = {name: {} for name in KANBAN_FIELDS}
        spec.update(
            source_id={"fields": {"display_name": {}}},
            user_id={"fields": {"display_name": {}}},
            stage_id={"fields": {"display_name": {}}},
            tag_ids={"fields": {"display_name": {}}},
        )
        leads.invalidate_recordset()
        self.env["res.users"].invalidate_model()
        return leads.with_user(self.users["treatment_coordinator"]).web_read(spec)

    def test_kanban_read_does_not_grow_with_the_number_of_leads(self):
        source = self.env["utm.source"].create({"name": "Google Ads"})
        values = [
            {
                "clinic_first_name": f"Kid {i}",
                "clinic_birthdate": "2014-05-0%d" % (i % 9 + 1),
                "source_id": source.id,
                "team_id": self.ortho_team.id,
                "user_id": self.users["treatment_coordinator"].id,
            }
            for i in range(40)
        ]
        leads = self.env["crm.lead"].create(values)
        few, many = leads[:5], leads
        self._read_kanban(few)  # warm caches (ir.model, access rules)
        queries_few = self._count_queries(few)
        queries_many = self._count_queries(many)
        self.assertEqual(queries_many, queries_few, "kanban read queries grow with leads")
        self.assertLess(queries_many, 30)

    def _count_queries(self, leads):
        start = self.cr.sql_log_count
        self._read_kanban(leads)
        return self.cr.sql_log_count - start
