# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import (
    ClinicPermissionsMixin,
    ClinicRolesCommon,
)


@tagged("post_install", "-at_install", "clinic_roles")
class TestRecruitingRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """recruiting:hire, and the roles that hold it."""

    # Its permission and its default roles: security/clinic_permissions.csv.
    addon = "crm_clinic_recruiting"

    def test_every_role_opens_a_patient_lead_form(self):
        """The form reads every field its view shows the user: a role without
        recruiting:hire must not be shown (and refused) the candidates' qualifications."""
        for role, user in self.users.items():
            with self.subTest(role=role):
                Lead = self.env["crm.lead"].with_user(user)
                arch = etree.fromstring(Lead.get_views([(False, "form")])["views"]["form"]["arch"])
                names = {
                    node.get("name")
                    for node in arch.iter("field")
                    if not any(parent.tag == "field" for parent in node.iterancestors())
                }
                spec = {
                    name: {"fields": {}} if Lead._fields[name].type.endswith("2many") else {}
                    for name in names
                }
                self.assertTrue(self.lead.with_user(user).web_read(spec))
                # An empty list reads without checking its model: check the model itself.
                for name in names:
                    field = Lead._fields[name]
                    if field.type.endswith("2many"):
                        comodel = self.env[field.comodel_name].with_user(user)
                        self.assertTrue(comodel.has_access("read"), f"{role} reads {name}")
