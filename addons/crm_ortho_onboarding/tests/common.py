# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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

CLINIC_PERMISSIONS = {
    "lead:create": "crm_ortho_onboarding.group_clinic_lead_create",
    "lead:assign": "crm_ortho_onboarding.group_clinic_lead_assign",
    "lead:convert": "crm_ortho_onboarding.group_clinic_lead_convert",
}
# The intake:*, referral:* and records:* permissions belong to crm_intake_forms,
# crm_referrals and crm_records_requests, which test them.


class ClinicRolesCommon(BaseCommon):
    """One test user per clinic role (``cls.users[role]``), built without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: mail_new_test_user(
                cls.env,
                login=f"test_clinic_{role}",
                name=f"Test {role.replace('_', ' ').title()}",
                groups=group,
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
