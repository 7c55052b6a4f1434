# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import QueryCountCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestScaleQueryCounts(QueryCountCommon):
    """The same number of SQL queries with 5 or 60 leads: nothing grows per row (N+1)."""

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
