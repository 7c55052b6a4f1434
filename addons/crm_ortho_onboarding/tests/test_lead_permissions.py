# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ClinicRolesCommon

READ_ONLY_ROLES = ("doctor", "clinical_staff", "billing", "read_only")


@tagged("post_install", "-at_install", "clinic_roles")
class TestLeadPermissions(ClinicRolesCommon):
    def _create_lead_as(self, role, **vals):
        return (
            self.env["crm.lead"]
            .with_user(self.users[role])
            .create(
                {
                    "name": f"Lead by {role}",
                    "clinic_first_name": "Noah",
                    "type": "lead",
                    **vals,
                }
            )
        )

    def test_every_role_reads_leads(self):
        for role, user in self.users.items():
            self.assertEqual(self.lead.with_user(user).contact_name, "Mia Lopez", role)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_view_only_roles_cannot_create_or_write_leads(self):
        for role in READ_ONLY_ROLES:
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self._create_lead_as(role)
                with self.assertRaises(AccessError):
                    self.lead.with_user(self.users[role]).write({"name": "Changed"})
        self.assertEqual(self.lead.name, "Aligners for Mia")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_front_desk_creates_and_edits_but_cannot_delete(self):
        lead = self._create_lead_as("front_desk")
        self.assertEqual(lead.user_id, self.users["front_desk"])
        lead.with_user(self.users["front_desk"]).write({"phone": "(212) 736-5000"})
        self.assertEqual(lead.phone, "+12127365000")
        with self.assertRaises(AccessError):
            lead.with_user(self.users["front_desk"]).unlink()
        self.assertTrue(lead.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_clinic_admin_and_above_delete_leads(self):
        for role in ("treatment_coordinator", *READ_ONLY_ROLES):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.lead.with_user(self.users[role]).unlink()
        for role in ("clinic_admin", "super_admin"):
            lead = self._create_lead_as("front_desk")
            lead.with_user(self.users[role]).unlink()
            self.assertFalse(lead.exists(), role)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_creating_an_opportunity_directly_needs_lead_convert(self):
        # Front Desk and coordinators hold lead:convert; a user granted lead:create alone
        # creates leads, not qualified opportunities.
        user = self.users["read_only"]
        user.group_ids = [(4, self.env.ref("crm_ortho_onboarding.group_clinic_lead_create").id)]
        with self.assertRaisesRegex(AccessError, "lead:convert"):
            self._create_lead_as("read_only", type="opportunity")
        for role in ("front_desk", "treatment_coordinator"):
            opportunity = self._create_lead_as(role, type="opportunity")
            self.assertEqual(opportunity.type, "opportunity", role)

    def test_read_only_user_granted_lead_create_can_create(self):
        user = self.users["read_only"]
        user.group_ids = [(4, self.env.ref("crm_ortho_onboarding.group_clinic_lead_create").id)]
        lead = self._create_lead_as("read_only")
        self.assertEqual(lead.create_uid, user)

    def test_assigning_a_lead_needs_lead_assign(self):
        coordinator = self.users["treatment_coordinator"]
        front_desk = self.users["front_desk"]
        with self.assertRaisesRegex(AccessError, "lead:assign"):
            self.lead.with_user(front_desk).write({"user_id": front_desk.id})
        with self.assertRaisesRegex(AccessError, "lead:assign"):
            self._create_lead_as("front_desk", user_id=coordinator.id)
        self.lead.with_user(coordinator).write({"user_id": front_desk.id})
        self.assertEqual(self.lead.user_id, front_desk)
        # Rewriting the same coordinator is not an assignment.
        self.lead.with_user(front_desk).write({"user_id": front_desk.id, "name": "Mia"})
        self.assertEqual(self.lead.name, "Mia")

    def _convert_as(self, user):
        lead = self.lead.with_user(user)
        wizard = Form(
            self.env["crm.lead2opportunity.partner"]
            .with_user(user)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
        )
        wizard.name = "convert"
        wizard.action = "create"
        return wizard.save().action_apply()

    def test_lead_convert_holders_convert(self):
        self._convert_as(self.users["treatment_coordinator"])
        self.assertEqual(self.lead.type, "opportunity")
        self.assertTrue(self.lead.partner_id)

    def test_front_desk_converts(self):
        """lead:convert is Front Desk's too (specification): they qualify the lead they
        answered, and it stays with its coordinator."""
        self._convert_as(self.users["front_desk"])
        self.assertEqual(self.lead.type, "opportunity")
        self.assertTrue(self.lead.partner_id)
        self.assertEqual(self.lead.user_id, self.users["treatment_coordinator"])

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_roles_without_lead_convert_cannot_convert(self):
        for role in ("doctor", "clinical_staff", "billing", "read_only"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._convert_as(self.users[role])
        self.assertEqual(self.lead.type, "lead")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_odoo_sales_users_keep_odoo_rules_outside_the_clinic_pipelines(self):
        """A sales manager with no clinic role (another business on the same database)
        assigns and converts the leads of their own team as in stock Odoo, but not a
        lead of a clinic pipeline."""
        manager = self.env["res.users"].create(
            {
                "name": "Sales Manager",
                "login": "sales_manager_no_clinic_role",
                "group_ids": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id])],
            }
        )
        sales_team = self.env["crm.team"].create({"name": "Dental supplies"})
        Lead = self.env["crm.lead"].with_user(manager)
        lead = Lead.create({"name": "Chairs", "team_id": sales_team.id, "user_id": self.env.uid})
        lead.write({"user_id": manager.id})
        lead.convert_opportunity(self.env["res.partner"])
        self.assertEqual(lead.type, "opportunity")
        with self.assertRaisesRegex(AccessError, "lead:assign"):
            self.lead.with_user(manager).write({"user_id": manager.id})
        with self.assertRaisesRegex(AccessError, "lead:convert"):
            self.lead.with_user(manager).convert_opportunity(self.env["res.partner"])
