# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import CLINIC_ROLES, ClinicPermissionsMixin, ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_roles")
class TestClinicRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """The roles, and lead:create, lead:assign and lead:convert as the permission table
    (security/clinic_permissions.csv, the clinic's specification) gives them."""

    addon = "crm_ortho_onboarding"

    def test_roles_are_one_selection_on_the_user_form(self):
        """The eight roles share one privilege, so the user form shows one selection."""
        groups = self.env["res.groups"].browse(
            [self.env.ref(xmlid).id for xmlid in CLINIC_ROLES.values()]
        )
        self.assertEqual(len(groups.privilege_id), 1)
        self.assertEqual(groups.privilege_id.name, "Clinic Role")
        self.assertEqual(
            groups.privilege_id.category_id,
            self.env.ref("crm_ortho_onboarding.module_category_clinic_crm"),
        )

    def test_the_table_is_the_specification(self):
        """Front Desk qualifies and converts; only coordinators (and admins) assign."""
        self.assertEqual(self.expected["front_desk"], {"lead:create", "lead:convert"})
        self.assertEqual(
            self.expected["treatment_coordinator"], {"lead:create", "lead:assign", "lead:convert"}
        )
        for role in ("doctor", "clinical_staff", "billing", "read_only"):
            self.assertEqual(self.expected[role], set(), role)

    def test_role_implications(self):
        users = self.users
        for role in CLINIC_ROLES:
            self.assertTrue(
                users[role].has_group("crm_ortho_onboarding.group_clinic_read_only"),
                role,
            )
        # Roles are not a chain: no role but the admins' carries another.
        for role in ("treatment_coordinator", "front_desk", "doctor", "clinical_staff", "billing"):
            for other in CLINIC_ROLES:
                if other not in (role, "read_only"):
                    self.assertFalse(users[role].has_group(CLINIC_ROLES[other]), (role, other))
        admin = users["clinic_admin"]
        for role in CLINIC_ROLES:
            if role != "super_admin":
                self.assertTrue(admin.has_group(CLINIC_ROLES[role]), role)
        self.assertFalse(admin.has_group("base.group_system"))
        self.assertTrue(users["super_admin"].has_group("base.group_system"))
        self.assertTrue(admin.has_group("sales_team.group_sale_manager"))
        self.assertFalse(users["read_only"].has_group("sales_team.group_sale_salesman"))

    def test_every_role_sees_the_clinic_crm_menu(self):
        root = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_root")
        config = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config")
        for role, user in self.users.items():
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, role)
            self.assertEqual(config.id in visible, role in ("clinic_admin", "super_admin"), role)

    def test_internal_user_without_role_has_no_clinic_menu(self):
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "test_clinic_outsider",
                "group_ids": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        root = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_root")
        visible = self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids()
        self.assertNotIn(root.id, visible)

    def test_every_role_opens_the_lead_screens(self):
        """Leads and Pipeline load (views and records) for every role, read-only ones too."""
        for xmlid in ("crm.crm_lead_all_leads", "crm.crm_lead_action_pipeline"):
            for role, user in self.users.items():
                with self.subTest(action=xmlid, role=role):
                    leads = self.env["crm.lead"].with_user(user)
                    views = leads.get_views([(False, "list"), (False, "kanban"), (False, "form")])
                    list_fields = views["models"]["crm.lead"]["fields"]
                    result = leads.web_search_read(
                        [("id", "=", self.lead.id)],
                        {name: {} for name in ("name", "contact_name", "stage_id", "user_id")},
                    )
                    self.assertEqual(result["length"], 1)
                    self.assertIn("contact_name", list_fields)
                    # What the web client does when a menu is clicked.
                    action = self.env["ir.actions.actions"].with_user(user)._for_xml_id(xmlid)
                    self.assertEqual(action["res_model"], "crm.lead")

    def test_lead_form_offers_only_what_the_role_may_do(self):
        def form_arch(role):
            views = self.env["crm.lead"].with_user(self.users[role]).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        read_only, coordinator = form_arch("read_only"), form_arch("treatment_coordinator")
        self.assertNotIn("action_set_won_rainbowman", read_only)
        self.assertNotIn("action_clinic_qualify", read_only)
        self.assertIn("action_set_won_rainbowman", coordinator)
        self.assertIn("action_clinic_qualify", coordinator)
        self.assertIn("action_clinic_convert_to_patient", coordinator)
        # Front Desk qualifies and converts leads (lead:convert, specification).
        self.assertIn("action_clinic_qualify", form_arch("front_desk"))
        self.assertIn("action_clinic_convert_to_patient", form_arch("front_desk"))
        self.assertNotIn("action_clinic_qualify", form_arch("doctor"))
        # Enrichment sends data to Odoo's servers: administrators only.
        self.assertNotIn("iap_enrich", coordinator)
        self.assertIn("iap_enrich", form_arch("super_admin"))
