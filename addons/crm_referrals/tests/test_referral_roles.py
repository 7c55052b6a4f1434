# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import (
    ClinicPermissionsMixin,
    ClinicRolesCommon,
)

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
class TestReferralRoles(ClinicPermissionsMixin, ClinicRolesCommon):
    """referral:manage_providers and referral:send_letters, and the roles that hold them."""

    permissions = REFERRAL_PERMISSIONS
    expected = EXPECTED_PERMISSIONS
