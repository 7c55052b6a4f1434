# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo.tests import tagged

from .common import QueryCountCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestScaleQueryCounts(QueryCountCommon):
    """The same number of SQL queries with 5 or 60 leads: nothing grows per row (N+1)."""

    def test_today_list_does_not_grow(self):
        user = self.users["treatment_coordinator"]
        action = self.env.ref("crm_ortho_onboarding.crm_lead_action_clinic_today")
        domain = literal_eval(action.domain) + [("user_id", "=", user.id)]
        view = self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today")
        Lead = self.env["crm.lead"].with_user(user)
        fields = Lead.get_views([(view.id, "list")])["models"]["crm.lead"]["fields"]
        spec = {name: {} for name in fields}
        for name, field in fields.items():
            if field["type"] in ("many2one", "many2many", "one2many"):
                spec[name] = {"fields": {"display_name": {}}}

        def today():
            return Lead.web_search_read(domain, spec, limit=80, count_limit=10001)

        self._make_leads(5)
        few = self._queries(today)
        self._make_leads(55, start=300)
        self.assertGreaterEqual(today()["length"], 60)
        many = self._queries(today)
        self.assertEqual(many, few, "the Today list's queries grow with its rows")
