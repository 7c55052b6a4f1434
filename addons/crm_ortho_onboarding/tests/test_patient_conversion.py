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


@tagged("post_install", "-at_install", "clinic_leads")
class TestLeadEmancipation(ClinicRolesCommon):
    """An emancipation recorded on the lead, before conversion, counts for the minor
    rules of the lead's state and goes to the patient on conversion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alabama = cls.env.ref("base.state_us_1")  # of age at 19
        cls.texas = cls.env.ref("base.state_us_44")  # of age at 18
        cls.emancipation = {
            "clinic_is_emancipated": True,
            "clinic_emancipation_date": fields.Date.today() - relativedelta(months=2),
            "clinic_emancipation_note": "Court order 2026-DR-114, copy seen at the front desk.",
        }

    def _lead_in(self, state, years):
        return self.env["crm.lead"].create(
            {
                "clinic_first_name": "Jordan",
                "clinic_last_name": f"Lee {state.code}",
                "clinic_birthdate": fields.Date.today() - relativedelta(years=years, days=1),
                "clinic_contact_relation": "self",
                "email_from": f"jordan.lee.{state.code.lower()}@example.com",
                "state_id": state.id,
                "country_id": state.country_id.id,
                "team_id": self.ortho_team.id,
            }
        )

    def _convert(self, lead, **values):
        wizard = Form(
            self.env["clinic.patient.conversion"]
            .with_user(self.users["treatment_coordinator"])
            .with_context(default_lead_id=lead.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save().action_convert()

    def test_emancipation_on_the_lead_needs_a_date_and_evidence(self):
        lead = self._lead_in(self.alabama, 18).with_user(self.users["front_desk"])
        with self.assertRaisesRegex(ValidationError, "enter the date"), self.env.cr.savepoint():
            lead.clinic_is_emancipated = True
        with self.assertRaisesRegex(ValidationError, "court order"), self.env.cr.savepoint():
            lead.write(dict(self.emancipation, clinic_emancipation_note=False))

    def test_emancipated_minor_lead_becomes_an_emancipated_patient_in_two_states(self):
        for state, years in ((self.alabama, 18), (self.texas, 17)):
            with self.subTest(state=state.name):
                lead = self._lead_in(state, years)
                self.assertTrue(lead.clinic_is_minor)
                self.assertTrue(lead.clinic_needs_guardian)
                lead.with_user(self.users["front_desk"]).write(self.emancipation)
                self.assertFalse(lead.clinic_needs_guardian, "the minor signs for themselves")
                self._convert(lead)
                patient = lead.clinic_patient_id
                self.assertRecordValues(
                    patient,
                    [
                        {
                            "clinic_is_minor": True,
                            "clinic_is_emancipated": True,
                            "clinic_emancipation_date": self.emancipation[
                                "clinic_emancipation_date"
                            ],
                            "clinic_emancipation_note": self.emancipation[
                                "clinic_emancipation_note"
                            ],
                            "clinic_needs_guardian": False,
                        }
                    ],
                )
                self.assertFalse(patient.clinic_guardian_link_ids)

    def test_minor_lead_without_emancipation_gets_a_guardian_by_its_state(self):
        # 18: a minor in Alabama (a guardian signs), an adult in Texas.
        minor, adult = self._lead_in(self.alabama, 18), self._lead_in(self.texas, 18)
        self.assertTrue(minor.clinic_needs_guardian)
        self.assertFalse(adult.clinic_needs_guardian)
        with self.assertRaisesRegex(UserError, "not emancipated"), self.env.cr.savepoint():
            self._convert(minor, guardian_action="none")
        self.assertFalse(minor.clinic_patient_id)
        self._convert(adult)
        self.assertFalse(adult.clinic_patient_id.clinic_guardian_link_ids)

    def test_linking_a_known_patient_carries_the_leads_emancipation(self):
        lead = self._lead_in(self.alabama, 18)
        lead.write(self.emancipation)
        patient = self.env["res.partner"].create(
            {
                "name": "Jordan Lee AL",
                "clinic_is_patient": True,
                "clinic_birthdate": lead.clinic_birthdate,
                "state_id": self.alabama.id,
                "country_id": self.alabama.country_id.id,
            }
        )
        self.assertTrue(patient.clinic_needs_guardian)
        self._convert(lead, patient_action="link", patient_id=patient, guardian_action="none")
        self.assertEqual(lead.clinic_patient_id, patient)
        self.assertTrue(patient.clinic_is_emancipated)
        self.assertFalse(patient.clinic_needs_guardian)
