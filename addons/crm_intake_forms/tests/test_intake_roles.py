# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import (
    ClinicPermissionsMixin,
    ClinicRolesCommon,
)

INTAKE_PERMISSIONS = {
    "intake:configure": "crm_intake_forms.group_clinic_intake_configure",
    "intake:view_submissions": "crm_intake_forms.group_clinic_intake_view_submissions",
}
# Default roles of the clinic's specification; Super Admin and Clinic Admin hold all.
EXPECTED_PERMISSIONS = {
    "super_admin": set(INTAKE_PERMISSIONS),
    "clinic_admin": set(INTAKE_PERMISSIONS),
    "front_desk": {"intake:view_submissions"},
    "treatment_coordinator": {"intake:view_submissions"},
    "doctor": {"intake:view_submissions"},
    "clinical_staff": {"intake:view_submissions"},
    "billing": set(),
    "read_only": set(),
}


@tagged("post_install", "-at_install", "clinic_roles")
class TestIntakeRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """intake:configure and intake:view_submissions, and the roles that hold them."""

    permissions = INTAKE_PERMISSIONS
    expected = EXPECTED_PERMISSIONS
