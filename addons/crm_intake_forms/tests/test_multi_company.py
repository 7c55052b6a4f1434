# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ALL_LOCATIONS, CLINIC_ROLES
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeMultiCompany(IntakeCommon):
    """A coordinator of clinic 1 sees no intake request or answers of clinic 2."""

    def test_coordinator_of_clinic_1_sees_no_intake_of_clinic_2(self):
        clinic_2 = self.env["res.company"].create({"name": "Intake Clinic Two"})
        coordinator = mail_new_test_user(
            self.env,
            login="mc_intake_coordinator",
            # Every location of clinic 1: this is about companies, not locations.
            groups=f"{CLINIC_ROLES['treatment_coordinator']},{ALL_LOCATIONS}",
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )
        env_2 = self.env(context=dict(self.env.context, allowed_company_ids=clinic_2.ids))
        patient_2 = env_2["res.partner"].create(
            {"name": "Una Elsewhere", "clinic_is_patient": True}
        )
        request_2 = env_2["clinic.intake.request"].create(
            {
                "survey_id": self.medical.id,
                "patient_id": patient_2.id,
                "recipient_id": patient_2.id,
                "company_id": clinic_2.id,
            }
        )
        own = self._make_request(self.medical, self.adult)
        Request = self.env["clinic.intake.request"].with_user(coordinator)
        found = Request.search([("id", "in", (request_2 | own).ids)])
        self.assertEqual(found, own)
        with self.assertRaises(AccessError):
            request_2.with_user(coordinator).check_access("read")
