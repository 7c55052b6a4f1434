# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestScaleQueryCounts(ClinicRolesCommon):
    """The same number of SQL queries with 5 or 60 leads: nothing grows per row (N+1)."""

    def _make_leads(self, count, email=None, start=0):
        return self.env["crm.lead"].create(
            [
                {
                    "clinic_first_name": f"Kid {start + i}",
                    "clinic_last_name": "Scale",
                    "email_from": email or f"family{start + i}@scale.example.com",
                    "phone": f"+1212736{start + i:04d}",
                    "team_id": self.ortho_team.id,
                    "user_id": self.users["treatment_coordinator"].id,
                }
                for i in range(count)
            ]
        )

    def _queries(self, func):
        self.env.invalidate_all()
        func()  # warm the registry's caches (access rules, views)
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - start

    def test_duplicate_lookup_on_capture_does_not_grow(self):
        capture = self.env["crm.lead"].sudo()
        vals = {
            "email_from": "same@scale.example.com",
            "phone": "+12127369999",
            "clinic_lead_type": "patient",
            "clinic_first_name": "Kid 0",
            "clinic_last_name": "Scale",
        }

        def lookup():
            return capture._clinic_capture_open_leads(vals), capture._clinic_capture_patient(vals)

        self._make_leads(3, email=vals["email_from"])
        few = self._queries(lookup)
        self._make_leads(15, email=vals["email_from"], start=100)
        self._make_leads(45, start=200)
        many = self._queries(lookup)
        self.assertEqual(many, few, "the duplicate lookup's queries grow with matching leads")
