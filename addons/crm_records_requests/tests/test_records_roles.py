# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import (
    ClinicPermissionsMixin,
    ClinicRolesCommon,
)

RECORDS_PERMISSIONS = {
    "records:authorize": "crm_records_requests.group_clinic_records_authorize",
    "records:prepare": "crm_records_requests.group_clinic_records_prepare",
}
# Default roles of the clinic's specification; Super Admin and Clinic Admin hold all.
EXPECTED_PERMISSIONS = {
    "super_admin": set(RECORDS_PERMISSIONS),
    "clinic_admin": set(RECORDS_PERMISSIONS),
    "front_desk": {"records:prepare"},
    "treatment_coordinator": set(),
    "doctor": {"records:authorize"},
    "clinical_staff": set(),
    "billing": set(),
    "read_only": set(),
}


@tagged("post_install", "-at_install", "clinic_roles")
class TestRecordsRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """records:authorize and records:prepare, and the roles that hold them."""

    permissions = RECORDS_PERMISSIONS
    expected = EXPECTED_PERMISSIONS
