# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import (
    ClinicPermissionsMixin,
    ClinicRolesCommon,
)


@tagged("post_install", "-at_install", "clinic_roles")
class TestRecordsRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """records:authorize and records:prepare, and the roles that hold them."""

    # Its permissions and their default roles: security/clinic_permissions.csv.
    addon = "crm_records_requests"
