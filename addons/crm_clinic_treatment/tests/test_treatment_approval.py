# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicPermissionsMixin
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import TreatmentPlanCommon

APPROVE = "crm_clinic_treatment.group_clinic_treatment_approve_plans"


@tagged("post_install", "-at_install", "clinic_treatment_plan", "clinic_roles")
class TestTreatmentApproval(ClinicPermissionsMixin, TreatmentPlanCommon):
    """Plans above the clinic's amount are signed off by a senior dentist before they are
    presented (treatment:approve_plans, security/clinic_permissions.csv)."""

    addon = "crm_clinic_treatment"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_clinic_treatment.plan_approval_amount", "5000"
        )
        cls.senior = mail_new_test_user(
            cls.env,
            login="test_senior_dentist",
            name="Dr. Senior",
            groups=f"crm_ortho_onboarding.group_clinic_doctor,{APPROVE},"
            "crm_ortho_onboarding.group_clinic_all_locations",
        )

    def _big_plan(self, fee=8000, **values):
        plan = self._plan(present=False, doctor_id=self.senior.id, **values)
        self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D6010", "name": "Implants", "fee": fee}
        )
        return plan

    def test_plan_below_the_amount_is_presented_without_sign_off(self):
        plan = self._big_plan(fee=4000)
        self.assertFalse(plan.is_approval_required)
        plan.with_user(self.users["treatment_coordinator"]).action_present()
        self.assertEqual(plan.state, "presented")

    def test_plan_above_the_amount_needs_a_senior_dentists_sign_off(self):
        plan = self._big_plan()
        self.assertTrue(plan.is_approval_required)
        self.assertEqual(plan.state, "draft")
        with self.assertRaisesRegex(UserError, "a senior dentist must sign it off"):
            plan.with_user(self.users["treatment_coordinator"]).action_present()
        plan.with_user(self.users["treatment_coordinator"]).action_request_approval()
        request = plan.activity_ids
        self.assertEqual(
            (request.user_id, request.summary), (self.senior, "Sign off the treatment plan")
        )
        plan.with_user(self.senior).action_approve()
        self.assertTrue(plan.is_approved)
        self.assertEqual((plan.approved_by_id, plan.approved_amount), (self.senior, 8000))
        self.assertFalse(plan.activity_ids, "the request is done")
        bodies = " ".join(str(message.body) for message in plan.message_ids)
        self.assertIn("Sign-off requested from Dr. Senior", bodies)
        self.assertIn("Signed off by Dr. Senior", bodies)
        self.assertTrue(self.Plan._fields["approved_by_id"].tracking, "and tracked")
        plan.with_user(self.users["treatment_coordinator"]).action_present()
        self.assertEqual(plan.state, "presented")

    def test_higher_fees_after_sign_off_need_a_new_one(self):
        plan = self._big_plan()
        plan.with_user(self.senior).action_approve()
        self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D6065", "name": "Crowns", "fee": 2000}
        )
        self.assertFalse(plan.is_approved)
        with self.assertRaisesRegex(UserError, "must sign it off"):
            plan.action_present()

    def test_roles_that_may_not_sign_off_get_a_clear_error(self):
        plan = self._big_plan()
        for role, user in self.users.items():
            if role in ("super_admin", "clinic_admin"):
                continue
            with self.subTest(role=role):
                with self.assertRaisesRegex(AccessError, "Only a senior dentist signs off"):
                    plan.with_user(user).action_approve()
                with self.assertRaises(AccessError):
                    plan.with_user(user).write(
                        {"approved_by_id": user.id, "approved_amount": 99999}
                    )
                arch = self.Plan.with_user(user).get_views([(False, "form")])["views"]["form"][
                    "arch"
                ]
                self.assertNotIn('name="action_approve"', arch)
        self.assertFalse(plan.approved_by_id)
        plan.with_user(self.users["clinic_admin"]).action_approve()
        self.assertTrue(plan.is_approved)
