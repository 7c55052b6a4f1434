# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import CLINIC_ROLES
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralMultiCompany(ReferralCommon):
    """A coordinator of clinic 1 sees no referral of clinic 2."""

    def test_coordinator_of_clinic_1_sees_no_referral_of_clinic_2(self):
        clinic_2 = self.env["res.company"].create({"name": "Referral Clinic Two"})
        coordinator = mail_new_test_user(
            self.env,
            login="mc_referral_coordinator",
            groups=CLINIC_ROLES["treatment_coordinator"],
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )
        env_2 = self.env(context=dict(self.env.context, allowed_company_ids=clinic_2.ids))
        referral_2 = env_2["clinic.referral"].create(
            {"provider_id": self.dentist.id, "company_id": clinic_2.id}
        )
        own = self.env["clinic.referral"].create({"provider_id": self.dentist.id})
        found = (
            self.env["clinic.referral"]
            .with_user(coordinator)
            .search([("id", "in", (referral_2 | own).ids)])
        )
        self.assertEqual(found, own)
        with self.assertRaises(AccessError):
            referral_2.with_user(coordinator).check_access("read")
