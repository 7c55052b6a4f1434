# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestPatientConversion(ClinicRolesCommon):
    """Convert to Patient: exactly one patient, one guardian, the lead linked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.child_lead = cls.env["crm.lead"].create(
            {
                "clinic_first_name": "Leo",
                "clinic_last_name": "Garcia",
                "clinic_birthdate": today - relativedelta(years=11),
                "clinic_contact_first_name": "Maria",
                "clinic_contact_last_name": "Garcia",
                "clinic_contact_relation": "parent",
                "email_from": "maria.garcia@example.com",
                "phone": "(415) 555-2671",
                "team_id": cls.ortho_team.id,
            }
        )
        cls.adult_lead = cls.env["crm.lead"].create(
            {
                "clinic_first_name": "Grace",
                "clinic_last_name": "Kim",
                "clinic_birthdate": today - relativedelta(years=34),
                "clinic_contact_relation": "self",
                "email_from": "grace.kim@example.com",
                "team_id": cls.ortho_team.id,
            }
        )

    def _convert(self, lead, user=None, **values):
        user = user or self.users["treatment_coordinator"]
        wizard = Form(
            self.env["clinic.patient.conversion"]
            .with_user(user)
            .with_context(default_lead_id=lead.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save().action_convert()

    def test_minor_converts_to_one_patient_and_one_guardian(self):
        Partner = self.env["res.partner"]
        before = Partner.search_count([])
        action = self._convert(self.child_lead)
        self.assertEqual(Partner.search_count([]), before + 2)
        patient = self.child_lead.clinic_patient_id
        self.assertEqual(action["res_id"], patient.id)
        self.assertRecordValues(
            patient,
            [{"name": "Leo Garcia", "clinic_is_patient": True, "clinic_is_minor": True}],
        )
        self.assertTrue(patient.clinic_patient_ref.startswith("PT-"))
        self.assertFalse(patient.email, "a child's record does not get the parent's e-mail")
        link = patient.clinic_guardian_link_ids
        self.assertEqual(len(link), 1)
        self.assertEqual(link.relation, "parent")
        self.assertTrue(link.is_primary)
        guardian = link.guardian_id
        self.assertRecordValues(
            guardian,
            [{"name": "Maria Garcia", "email": "maria.garcia@example.com"}],
        )
        self.assertTrue(guardian.clinic_is_guardian)
        self.assertEqual(self.child_lead.partner_id, guardian)
        self.assertFalse(self.child_lead.clinic_is_existing_patient)

    def test_adult_converts_without_a_guardian(self):
        self._convert(self.adult_lead)
        patient = self.adult_lead.clinic_patient_id
        self.assertEqual(patient.email, "grace.kim@example.com")
        self.assertFalse(patient.clinic_guardian_link_ids)
        self.assertEqual(self.adult_lead.partner_id, patient)

    def test_converting_twice_is_refused(self):
        self._convert(self.adult_lead)
        with self.assertRaisesRegex(UserError, "already linked"):
            self.adult_lead.with_user(
                self.users["treatment_coordinator"]
            ).action_clinic_convert_to_patient()

    def test_a_sibling_reuses_the_existing_guardian(self):
        self._convert(self.child_lead)
        guardian = self.child_lead.clinic_patient_id.clinic_guardian_link_ids.guardian_id
        sibling = self.env["crm.lead"].create(
            {
                "clinic_first_name": "Sofia",
                "clinic_last_name": "Garcia",
                "clinic_birthdate": fields.Date.today() - relativedelta(years=8),
                "clinic_contact_first_name": "Maria",
                "clinic_contact_last_name": "Garcia",
                "clinic_contact_relation": "parent",
                "email_from": "MARIA.garcia@example.com",
            }
        )
        self.assertIn(guardian, sibling.clinic_match_partner_ids)
        self.assertFalse(sibling.clinic_is_existing_patient, "a sibling is a new patient")
        self._convert(sibling)
        self.assertEqual(sibling.clinic_patient_id.clinic_guardian_link_ids.guardian_id, guardian)
        self.assertEqual(
            guardian.clinic_ward_link_ids.patient_id.mapped("name"), ["Leo Garcia", "Sofia Garcia"]
        )

    def test_practitioner_lead_converts_to_a_practitioner(self):
        lead = self.env["crm.lead"].create(
            {
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Nina",
                "clinic_last_name": "Patel",
                "clinic_npi": "1234567893",
                "clinic_practitioner_role_id": self.env.ref(
                    "crm_ortho_onboarding.clinic_practitioner_role_bcba"
                ).id,
                "email_from": "nina.patel@example.com",
            }
        )
        wizard = Form(
            self.env["clinic.patient.conversion"]
            .with_user(self.users["treatment_coordinator"])
            .with_context(default_lead_id=lead.id)
        )
        self.assertEqual(wizard.patient_action, "create")
        self.assertFalse(wizard.patient_id)
        self.assertEqual(wizard.guardian_action, "none")
        wizard.save().action_convert()
        partner = lead.clinic_patient_id
        self.assertRecordValues(
            partner,
            [
                {
                    "clinic_is_practitioner": True,
                    "clinic_is_patient": False,
                    "clinic_npi": "1234567893",
                }
            ],
        )
        self.assertFalse(partner.clinic_guardian_link_ids)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_lead_convert_holders_convert(self):
        for role in ("clinical_staff", "doctor", "read_only", "billing"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._convert(self.child_lead, user=self.users[role])
        self.assertFalse(self.child_lead.clinic_patient_id)
        # lead:convert is Front Desk's too (specification), as the coordinators' and admins'.
        self._convert(self.child_lead, user=self.users["front_desk"])
        self.assertTrue(self.child_lead.clinic_patient_id)

    def test_guardian_who_is_the_patients_minor_child_is_refused(self):
        today = fields.Date.today()
        Partner = self.env["res.partner"]
        mother = Partner.create(
            {
                "name": "Ana Ruiz",
                "clinic_is_patient": True,
                "clinic_birthdate": today - relativedelta(years=40),
            }
        )
        son = Partner.create(
            {
                "name": "Tom Ruiz",
                "clinic_is_patient": True,
                "clinic_birthdate": today - relativedelta(years=12),
            }
        )
        Guardian = self.env["clinic.patient.guardian"]
        Guardian.create({"patient_id": son.id, "guardian_id": mother.id, "relation": "parent"})
        with self.assertRaisesRegex(ValidationError, "Guardian: Tom Ruiz is a minor"):
            Guardian.create({"patient_id": mother.id, "guardian_id": son.id, "relation": "other"})
        with self.assertRaisesRegex(ValidationError, "their own guardian"):
            Guardian.create({"patient_id": son.id, "guardian_id": son.id, "relation": "parent"})
