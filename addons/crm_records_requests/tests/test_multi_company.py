# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import CLINIC_ROLES
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsMultiCompany(RecordsCommon):
    """Staff of clinic 1 see no records request of clinic 2."""

    def test_clinic_1_sees_no_records_request_of_clinic_2(self):
        clinic_2 = self.env["res.company"].create({"name": "Records Clinic Two"})
        front_desk = mail_new_test_user(
            self.env,
            login="mc_records_front_desk",
            groups=CLINIC_ROLES["front_desk"],
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )
        env_2 = self.env(context=dict(self.env.context, allowed_company_ids=clinic_2.ids))
        patient_2 = env_2["res.partner"].create(
            {"name": "Vic Elsewhere", "clinic_is_patient": True}
        )
        request_2 = env_2["clinic.records.request"].create(
            {"patient_id": patient_2.id, "requester_id": patient_2.id, "company_id": clinic_2.id}
        )
        own = self.Request.create({"patient_id": self.patient.id, "requester_id": self.patient.id})
        found = (
            self.env["clinic.records.request"]
            .with_user(front_desk)
            .search([("id", "in", (request_2 | own).ids)])
        )
        self.assertEqual(found, own)
        with self.assertRaises(AccessError):
            request_2.with_user(front_desk).check_access("read")
