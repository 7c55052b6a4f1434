# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import CLINIC_ROLES, ClinicRolesCommon

REFERRAL_PERMISSIONS = {
    "referral:manage_providers": "crm_referrals.group_clinic_referral_manage_providers",
    "referral:send_letters": "crm_referrals.group_clinic_referral_send_letters",
}
# Default roles of the clinic's specification; Super Admin and Clinic Admin hold all.
EXPECTED_PERMISSIONS = {
    "super_admin": set(REFERRAL_PERMISSIONS),
    "clinic_admin": set(REFERRAL_PERMISSIONS),
    "front_desk": {"referral:send_letters"},
    "treatment_coordinator": {"referral:send_letters"},
    "doctor": set(),
    "clinical_staff": set(),
    "billing": set(),
    "read_only": set(),
}


@tagged("post_install", "-at_install", "clinic_roles")
class TestReferralRoles(ClinicRolesCommon):
    """referral:manage_providers and referral:send_letters, and the roles that hold them."""

    def test_each_permission_can_be_granted_alone(self):
        """Each permission has a privilege of its own, in the Clinic CRM category."""
        category = self.env.ref("crm_ortho_onboarding.module_category_clinic_crm")
        for code, xmlid in REFERRAL_PERMISSIONS.items():
            group = self.env.ref(xmlid)
            self.assertEqual(group.name, code)
            self.assertEqual(group.privilege_id.group_ids, group)
            self.assertEqual(group.privilege_id.category_id, category)
            self.assertNotIn(group, self.env.ref(CLINIC_ROLES["read_only"]).all_implied_ids)

    def test_roles_hold_exactly_the_permissions_of_the_specification(self):
        for role, user in self.users.items():
            held = {code for code, xmlid in REFERRAL_PERMISSIONS.items() if user.has_group(xmlid)}
            self.assertEqual(held, EXPECTED_PERMISSIONS[role], role)

    def test_permission_granted_alone_gives_no_role(self):
        """A user given only the permission is an internal user without a clinic role."""
        for code, xmlid in REFERRAL_PERMISSIONS.items():
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
