# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CLINIC_ROLES, ClinicRolesCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(ClinicRolesCommon):
    """A coordinator of clinic 1 sees no patient or lead of clinic 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clinic_1 = cls.env.company
        cls.clinic_2 = cls.env["res.company"].create({"name": "Clinic Two"})
        cls.coordinator_1 = mail_new_test_user(
            cls.env,
            login="mc_coordinator_1",
            groups=CLINIC_ROLES["treatment_coordinator"],
            company_id=cls.clinic_1.id,
            company_ids=[(6, 0, cls.clinic_1.ids)],
        )
        env_2 = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.clinic_2.ids))
        cls.patient_2 = env_2["res.partner"].create(
            {"name": "Zed Othersite", "clinic_is_patient": True}
        )
        cls.lead_2 = env_2["crm.lead"].create(
            {
                "name": "Other clinic lead",
                "clinic_first_name": "Zed",
                "type": "lead",
                "company_id": cls.clinic_2.id,
                "partner_id": cls.patient_2.id,
            }
        )
        cls.patient_1 = cls.env["res.partner"].create(
            {"name": "Ann Homesite", "clinic_is_patient": True}
        )

    def test_patients_get_the_registering_clinic(self):
        self.assertEqual(self.patient_2.company_id, self.clinic_2)
        self.assertEqual(self.patient_1.company_id, self.clinic_1)

    def test_coordinator_of_clinic_1_sees_nothing_of_clinic_2(self):
        Partner = self.env["res.partner"].with_user(self.coordinator_1)
        Lead = self.env["crm.lead"].with_user(self.coordinator_1)
        self.assertIn(self.patient_1, Partner.search([("clinic_is_patient", "=", True)]))
        self.assertNotIn(self.patient_2, Partner.search([("clinic_is_patient", "=", True)]))
        self.assertFalse(Lead.search([("id", "=", self.lead_2.id)]))
        with self.assertRaises(AccessError):
            self.patient_2.with_user(self.coordinator_1).check_access("read")
        with self.assertRaises(AccessError):
            self.lead_2.with_user(self.coordinator_1).check_access("read")

    def test_a_patient_of_clinic_2_is_no_match_for_a_lead_of_clinic_1(self):
        """Same phone and e-mail as clinic 2's patient: clinic 1's lead is not flagged as an
        existing patient and lists no match, even when made as superuser (capture)."""
        self.patient_2.write({"phone": "+15125550188", "email": "zed@example.com"})
        lead = (
            self.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": "Zed again",
                    "clinic_first_name": "Zed",
                    "type": "lead",
                    "company_id": self.clinic_1.id,
                    "phone": "+15125550188",
                    "email_from": "zed@example.com",
                    "clinic_contact_relation": "self",
                }
            )
        )
        lead._clinic_flag_existing_patients()
        self.assertNotIn(self.patient_2, lead.clinic_match_partner_ids)
        self.assertFalse(lead.clinic_is_existing_patient)
        self.assertNotIn(
            lead, self.env["crm.lead"].sudo()._clinic_leads_matching_partner(self.patient_2)
        )
        # In clinic 2 the same person is found.
        lead_2 = lead.copy({"company_id": self.clinic_2.id})
        lead_2.invalidate_recordset(["clinic_match_partner_ids"])
        self.assertIn(self.patient_2, lead_2.clinic_match_partner_ids)
