# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv

from odoo.tools.misc import file_open

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

CLINIC_ROLES = {
    "super_admin": "crm_ortho_onboarding.group_clinic_super_admin",
    "clinic_admin": "crm_ortho_onboarding.group_clinic_admin",
    "doctor": "crm_ortho_onboarding.group_clinic_doctor",
    "clinical_staff": "crm_ortho_onboarding.group_clinic_clinical_staff",
    "front_desk": "crm_ortho_onboarding.group_clinic_front_desk",
    "treatment_coordinator": "crm_ortho_onboarding.group_clinic_treatment_coordinator",
    "billing": "crm_ortho_onboarding.group_clinic_billing",
    "read_only": "crm_ortho_onboarding.group_clinic_read_only",
}

ALL_LOCATIONS = "crm_ortho_onboarding.group_clinic_all_locations"

# The special permissions (lead:*, intake:*, referral:*, records:*…) and their default
# roles are in each addon's security/clinic_permissions.csv: see clinic_permission_table.
# Each addon tests its own rows with ClinicPermissionsMixin; test_crm_clinic runs every
# permission's action as every role (test_permission_table).

# The specification: Super Admin and Clinic Admin hold every permission.
ALL_PERMISSIONS_ROLES = ("super_admin", "clinic_admin")


def clinic_permission_table(env, addon=None):
    """The special permissions and their default roles, as the clinic's specification says.

    One source for the tests and the README table (tools/gen_permission_table.py): each
    installed addon's ``security/clinic_permissions.csv`` (only ``addon``'s when given).
    Returns ``{code: {"group": xml id, "roles": set of CLINIC_ROLES keys, "addon": name,
    "specified": bool}}``; Super Admin and Clinic Admin are in every row's roles.
    """
    modules = (
        [addon]
        if addon
        else env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
    )
    table = {}
    for module in modules:
        try:
            handle = file_open(f"{module}/security/clinic_permissions.csv")
        except FileNotFoundError:
            continue
        with handle:
            for row in csv.DictReader(handle):
                roles = set(row["default_roles"].split())
                assert roles <= set(CLINIC_ROLES), f"{module}: unknown roles in {row}"
                table[row["permission"]] = {
                    "group": row["group"],
                    "roles": roles | set(ALL_PERMISSIONS_ROLES),
                    "addon": module,
                    "specified": row["specified"] == "1",
                }
    return table


class ClinicRolesCommon(BaseCommon):
    """One test user per clinic role (``cls.users[role]``), built without demo data.

    They belong to no team, so they hold "All locations" (a clinic role in no team sees
    only unrouted records); the location rules are tested with users who do not.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: mail_new_test_user(
                cls.env,
                login=f"test_clinic_{role}",
                name=f"Test {role.replace('_', ' ').title()}",
                groups=f"{group},{ALL_LOCATIONS}",
            )
            for role, group in CLINIC_ROLES.items()
        }
        cls.ortho_team = cls.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Aligners for Mia",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Mia",
                "clinic_last_name": "Lopez",
                "contact_name": "Mia Lopez",
                "email_from": "mia.lopez@example.com",
                "type": "lead",
                "team_id": cls.ortho_team.id,
                "user_id": cls.users["treatment_coordinator"].id,
            }
        )


class ClinicPermissionsMixin:
    """The tests of an addon's special permissions, mixed into a ClinicRolesCommon test.

    A plain class, so that Odoo's loader does not run it on its own: the addon's test
    sets ``addon``; ``permissions`` (code: group xml id) and ``expected`` (role: codes it
    holds) come from that addon's row of the permission table (clinic_permission_table).
    """

    # Odoo's loader runs only the methods a test class defines itself, unless told.
    allow_inherited_tests_method = True
    addon = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        table = clinic_permission_table(cls.env, cls.addon)
        assert table, f"{cls.addon} has no security/clinic_permissions.csv"
        cls.permissions = {code: row["group"] for code, row in table.items()}
        cls.expected = {
            role: {code for code, row in table.items() if role in row["roles"]}
            for role in CLINIC_ROLES
        }

    def test_each_permission_can_be_granted_alone(self):
        """Each permission has a privilege of its own, in the Clinic CRM category."""
        category = self.env.ref("crm_ortho_onboarding.module_category_clinic_crm")
        for code, xmlid in self.permissions.items():
            group = self.env.ref(xmlid)
            self.assertEqual(group.name, code)
            self.assertEqual(group.privilege_id.group_ids, group)
            self.assertEqual(group.privilege_id.category_id, category)
            self.assertNotIn(group, self.env.ref(CLINIC_ROLES["read_only"]).all_implied_ids)

    def test_roles_hold_exactly_the_permissions_of_the_specification(self):
        for role, user in self.users.items():
            held = {code for code, xmlid in self.permissions.items() if user.has_group(xmlid)}
            self.assertEqual(held, self.expected[role], role)

    def test_permission_granted_alone_gives_no_role(self):
        """A user given only the permission is an internal user without a clinic role."""
        for code, xmlid in self.permissions.items():
            user = self.env["res.users"].create(
                {
                    "name": f"Only {code}",
                    "login": f"test_only_{code.replace(':', '_')}",
                    "group_ids": [(6, 0, [self.env.ref(xmlid).id])],
                }
            )
            self.assertTrue(user.has_group(xmlid), code)
            self.assertTrue(user.has_group("base.group_user"), code)
            for role_xmlid in CLINIC_ROLES.values():
                self.assertFalse(user.has_group(role_xmlid), code)


class ScoringCommon(ClinicRolesCommon):
    """An orthodontic location with a service area, and leads in it to score."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Lakeside",
                "clinic_pipeline_type": "ortho",
                "clinic_service_zip_prefixes": "606, 60714",
            }
        )

    def _lead(self, **values):
        return self.env["crm.lead"].create(
            {"clinic_first_name": "Sam", "clinic_last_name": "Reyes", "team_id": self.team.id}
            | values
        )


class QueryCountCommon(ClinicRolesCommon):
    """Bulk leads and a query counter for the "nothing grows per row" (N+1) tests."""

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
