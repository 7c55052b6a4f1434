# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
