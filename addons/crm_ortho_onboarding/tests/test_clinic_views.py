# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Views mean what their names say, show a pipeline's own stages and speak the clinic's
words; clinic staff land in Today (issue 22, items 4 and 5)."""

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CLINIC_ROLES, ClinicRolesCommon
from .view_common import eval_on_record, form_arch, shown_fields, shown_labels


@tagged("post_install", "-at_install", "clinic_leads")
class TestLeadFilters(ClinicRolesCommon):
    """Open = open leads only; All includes disqualified ones; My Open = leads I created."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        front_desk = cls.users["front_desk"]
        coordinator = cls.users["treatment_coordinator"]
        Lead = cls.env["crm.lead"]

        def lead(name, user, owner=None):
            record = Lead.with_user(user).create(
                {
                    "name": name,
                    "clinic_lead_type": "patient",
                    "clinic_first_name": name,
                    "clinic_last_name": "Views",
                    "email_from": f"{name.lower()}@example.com",
                    "type": "lead",
                    "team_id": cls.ortho_team.id,
                }
            )
            record = record.with_user(cls.env.user)
            if owner:
                record.user_id = owner
            return record

        # Created by the front desk, worked by the coordinator.
        cls.mine_open = lead("Mine", front_desk, owner=coordinator)
        # Created by the coordinator, assigned to the front desk.
        cls.theirs_assigned_to_me = lead("Theirs", coordinator, owner=front_desk)
        cls.qualified = lead("Qualified", front_desk)
        cls.qualified.write({"type": "opportunity", "team_id": cls.ortho_team.id})
        cls.disqualified = lead("Disqualified", front_desk)
        cls.disqualified.action_set_lost()
        cls.leads = cls.mine_open | cls.theirs_assigned_to_me | cls.qualified | cls.disqualified
        assert cls.qualified.active and cls.qualified.won_status == "pending"
        assert cls.qualified.team_id == cls.ortho_team

    def _filter(self, action_xmlid, name, user):
        action = self.env["ir.actions.actions"]._for_xml_id(action_xmlid)
        Lead = self.env["crm.lead"].with_user(user)
        views = Lead.get_views([(action["search_view_id"][0], "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        nodes = arch.xpath(f"//filter[@name='{name}']")
        self.assertTrue(nodes, f"no filter {name} in the search of {action_xmlid}")
        domain = safe_eval(nodes[0].get("domain"), {"uid": user.id, "context_today": None})
        action_domain = safe_eval(action["domain"] or "[]", {"uid": user.id})
        # Searched without record rules: the filter's meaning, not the user's locations.
        return self.env["crm.lead"].search(action_domain + domain + [("id", "in", self.leads.ids)])

    def test_open_is_open_leads_only(self):
        found = self._filter(
            "crm_ortho_onboarding.crm_lead_action_clinic_leads",
            "filter_clinic_open",
            self.users["front_desk"],
        )
        self.assertEqual(found, self.mine_open | self.theirs_assigned_to_me)

    def test_all_includes_disqualified_leads(self):
        found = self._filter(
            "crm_ortho_onboarding.crm_lead_action_clinic_leads",
            "filter_clinic_all",
            self.users["front_desk"],
        )
        self.assertEqual(found, self.leads)
        self.assertFalse(self.disqualified.active)

    def test_my_open_is_open_leads_i_created(self):
        found = self._filter(
            "crm_ortho_onboarding.crm_lead_action_clinic_leads",
            "filter_clinic_my_open",
            self.users["front_desk"],
        )
        self.assertEqual(found, self.mine_open)

    def test_pipeline_default_filter_shows_its_opportunities(self):
        """The pipeline opens on the qualified leads still being worked."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_ortho_onboarding.crm_lead_action_clinic_ortho_pipeline"
        )
        defaults = [
            key.removeprefix("search_default_")
            for key, value in safe_eval(action["context"]).items()
            if key.startswith("search_default_") and value
        ]
        found = self.env["crm.lead"]
        for name in defaults:
            found |= self._filter(
                "crm_ortho_onboarding.crm_lead_action_clinic_ortho_pipeline",
                name,
                self.users["front_desk"],
            )
        self.assertEqual(found, self.qualified)


@tagged("post_install", "-at_install", "clinic_leads")
class TestStageBar(ClinicRolesCommon):
    """The stage bar of a lead offers the stages of its own pipeline only."""

    def _stage_bar(self, lead):
        arch, _fields = form_arch(lead, self.users["treatment_coordinator"])
        (node,) = arch.xpath("//header/field[@name='stage_id']")
        return self.env["crm.stage"].search(eval_on_record(lead, node.get("domain")))

    def test_clinic_pipeline_stage_bar_shows_its_stages_only(self):
        self.lead.write({"type": "opportunity", "team_id": self.ortho_team.id})
        stages = self._stage_bar(self.lead)
        self.assertEqual(
            stages, self.env["crm.stage"].search([("team_ids", "in", self.ortho_team.ids)])
        )
        self.assertIn(self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry"), stages)
        self.assertFalse(stages.filtered(lambda stage: not stage.team_ids))

    def test_sales_team_stage_bar_keeps_shared_stages(self):
        team = self.env["crm.team"].create({"name": "Ordinary sales"})
        lead = self.env["crm.lead"].create(
            {"name": "Office chairs", "type": "opportunity", "team_id": team.id}
        )
        stages = self._stage_bar(lead)
        self.assertTrue(stages.filtered(lambda stage: not stage.team_ids))
        self.assertNotIn(
            self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry"), stages
        )


@tagged("post_install", "-at_install", "clinic_leads")
class TestClinicWords(ClinicRolesCommon):
    """Clinic pipelines say Coordinator, Location / Pipeline and Estimated treatment value,
    and hide the sales-only fields; ordinary sales teams keep Odoo's words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.opportunity = cls.lead.copy(
            {"type": "opportunity", "name": "Braces for Leo", "team_id": cls.ortho_team.id}
        )
        cls.sales_team = cls.env["crm.team"].create({"name": "Ordinary sales"})
        cls.sales_lead = cls.env["crm.lead"].create(
            {"name": "Office chairs", "type": "lead", "team_id": cls.sales_team.id}
        )
        cls.sales_opportunity = cls.sales_lead.copy({"type": "opportunity"})

    def test_form_says_coordinator_and_location(self):
        for record in (self.lead, self.opportunity):
            labels = shown_labels(record, "user_id", self.coordinator)
            self.assertIn("Coordinator", labels, record.type)
            self.assertNotIn("Salesperson", labels, record.type)
            team_labels = shown_labels(record, "team_id", self.coordinator)
            self.assertIn("Location / Pipeline", team_labels, record.type)
            self.assertNotIn("Sales Team", team_labels, record.type)
        self.assertEqual(
            shown_labels(self.opportunity, "expected_revenue", self.coordinator),
            ["Estimated treatment value"],
        )

    def test_form_of_sales_team_keeps_odoo_words(self):
        for record in (self.sales_lead, self.sales_opportunity):
            labels = shown_labels(record, "user_id", self.coordinator)
            self.assertIn("Salesperson", labels, record.type)
            self.assertNotIn("Coordinator", labels, record.type)
        self.assertNotIn(
            "Estimated treatment value",
            shown_labels(self.sales_opportunity, "expected_revenue", self.coordinator),
        )

    def test_sales_only_fields_hidden_on_clinic_pipelines(self):
        for name in ("partner_name", "website", "function"):
            for record in (self.lead, self.opportunity):
                self.assertEqual(
                    shown_fields(record, name, self.coordinator), 0, (name, record.type)
                )
            self.assertTrue(shown_fields(self.sales_lead, name, self.coordinator), name)
        arch, _fields = form_arch(self.lead, self.coordinator)
        self.assertNotIn("Product Pricing", etree.tostring(arch, encoding="unicode"))

    def _action_views(self, xmlid, view_type):
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        view_id = next((vid for vid, vtype in action["views"] if vtype == view_type), False)
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        views = Lead.get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_clinic_lists_say_coordinator_and_location(self):
        for xmlid in (
            "crm_ortho_onboarding.crm_lead_action_clinic_leads",
            "crm_ortho_onboarding.crm_lead_action_clinic_ortho_pipeline",
        ):
            arch = self._action_views(xmlid, "list")
            self.assertEqual(arch.xpath("//field[@name='user_id']")[0].get("string"), "Coordinator")
            self.assertEqual(
                arch.xpath("//field[@name='team_id']")[0].get("string"), "Location / Pipeline"
            )
        arch = self._action_views(
            "crm_ortho_onboarding.crm_lead_action_clinic_ortho_pipeline", "list"
        )
        self.assertEqual(
            arch.xpath("//field[@name='expected_revenue']")[0].get("string"),
            "Estimated treatment value",
        )
        kanban = self._action_views(
            "crm_ortho_onboarding.crm_lead_action_clinic_ortho_pipeline", "kanban"
        )
        self.assertEqual(
            kanban.xpath("//t[@t-name='card']//field[@name='user_id']")[0].get("string"),
            "Coordinator",
        )


@tagged("post_install", "-at_install", "clinic_leads")
class TestClinicHomeAction(ClinicRolesCommon):
    """Clinic staff land in Clinic CRM → Today after login."""

    def test_clinic_roles_land_in_today(self):
        today = self.env.ref("crm_ortho_onboarding.crm_lead_action_clinic_today")
        for role, user in self.users.items():
            self.assertEqual(user.action_id.id, today.id, role)

    def test_role_granted_later_lands_in_today(self):
        today = self.env.ref("crm_ortho_onboarding.crm_lead_action_clinic_today")
        user = mail_new_test_user(self.env, login="test_clinic_later", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.group_ids = [(4, self.env.ref(CLINIC_ROLES["front_desk"]).id)]
        self.assertEqual(user.action_id.id, today.id)

    def test_chosen_home_action_is_kept(self):
        dashboard = self.env.ref("crm_ortho_onboarding.clinic_crm_dashboard_action_screen")
        user = self.env["res.users"].create(
            {
                "name": "Own Home",
                "login": "test_clinic_own_home",
                "action_id": dashboard.id,
                "group_ids": [(6, 0, self.env.ref(CLINIC_ROLES["front_desk"]).ids)],
            }
        )
        self.assertEqual(user.action_id.id, dashboard.id)

    def test_demo_front_desk_lands_in_today(self):
        front_desk = self.env.ref(
            "crm_ortho_onboarding.user_demo_frontdesk", raise_if_not_found=False
        )
        if not front_desk:
            self.skipTest("no demo data")
        self.assertEqual(
            front_desk.action_id.id,
            self.env.ref("crm_ortho_onboarding.crm_lead_action_clinic_today").id,
        )
