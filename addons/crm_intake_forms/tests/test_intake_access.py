# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

# The specification: intake:configure for Clinic Admin (and Super Admin, who holds all);
# intake:view_submissions for every clinical role.
CONFIGURE_ROLES = ("clinic_admin", "super_admin")
SUBMISSION_ROLES = CONFIGURE_ROLES + (
    "front_desk",
    "treatment_coordinator",
    "doctor",
    "clinical_staff",
)


@tagged("post_install", "-at_install", "clinic_roles")
class TestIntakeAccess(ClinicRolesCommon):
    """The role matrix on intake forms (surveys) and their submissions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.form = cls.env["survey.survey"].create({"title": "Medical history"})
        cls.response = cls.form._create_answer(email="parent@example.com", check_attempts=False)

    def test_every_role_reads_intake_forms(self):
        for role, user in self.users.items():
            self.assertEqual(self.form.with_user(user).title, "Medical history", role)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_only_intake_configure_holders_build_forms(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                survey_model = self.env["survey.survey"].with_user(user)
                if role in CONFIGURE_ROLES:
                    form = survey_model.create({"title": f"Consent by {role}"})
                    self.assertTrue(form.exists())
                else:
                    with self.assertRaises(AccessError):
                        survey_model.create({"title": f"Consent by {role}"})
                    with self.assertRaises(AccessError):
                        self.form.with_user(user).write({"title": "Changed"})

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_submissions_need_intake_view_submissions(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                response = self.response.with_user(user)
                if role in SUBMISSION_ROLES:
                    self.assertEqual(response.email, "parent@example.com")
                else:
                    with self.assertRaises(AccessError):
                        response.read(["email"])

    def test_submissions_menu_follows_the_permission(self):
        menu = self.env.ref("crm_intake_forms.menu_clinic_crm_intake_submissions")
        for role, user in self.users.items():
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in visible, role in SUBMISSION_ROLES, role)
