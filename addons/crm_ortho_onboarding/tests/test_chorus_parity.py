# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chorus parity on patient leads (issue 22, item 4): the Location Information block,
one billing address per patient, gender, and both carried over on conversion."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ClinicRolesCommon
from .view_common import shown_fields

LOCATION = {
    "clinic_location_description": "Grandmother's house",
    "clinic_location_type": "home",
    "clinic_address_type": "service",
}


@tagged("post_install", "-at_install", "clinic_leads")
class TestPatientLocation(ClinicRolesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.child_lead = cls.env["crm.lead"].create(
            {
                "clinic_first_name": "Ava",
                "clinic_last_name": "Brooks",
                "clinic_birthdate": fields.Date.today() - relativedelta(years=9),
                "clinic_gender": "female",
                "clinic_contact_first_name": "Jade",
                "clinic_contact_last_name": "Brooks",
                "clinic_contact_relation": "parent",
                "email_from": "jade.brooks@example.com",
                "street": "12 Elm Street",
                "city": "Denver",
                "zip": "80202",
                "team_id": cls.ortho_team.id,
                **LOCATION,
            }
        )

    def _convert(self, lead, **values):
        wizard = Form(
            self.env["clinic.patient.conversion"]
            .with_user(self.coordinator)
            .with_context(default_lead_id=lead.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        wizard.save().action_convert()
        return lead.clinic_patient_id

    def test_location_block_on_patient_leads(self):
        for name in LOCATION:
            self.assertTrue(shown_fields(self.child_lead, name, self.coordinator), name)
        self.child_lead.clinic_lead_type = "practitioner"
        for name in LOCATION:
            self.assertFalse(shown_fields(self.child_lead, name, self.coordinator), name)

    def test_location_and_gender_carry_over_to_the_patient(self):
        patient = self._convert(self.child_lead)
        self.assertEqual(patient.clinic_gender, "female")
        for name, value in LOCATION.items():
            self.assertEqual(patient[name], value, name)
        self.assertEqual(patient.street, "12 Elm Street")

    def test_known_patient_gets_the_lead_location_as_an_address(self):
        patient = self.env["res.partner"].create(
            {
                "name": "Ava Brooks",
                "clinic_is_patient": True,
                "clinic_address_type": "billing",
                "street": "3 Oak Road",
            }
        )
        self._convert(self.child_lead, patient_action="link", patient_id=patient)
        address = patient.child_ids
        self.assertEqual(len(address), 1)
        self.assertEqual(address.street, "12 Elm Street")
        self.assertEqual(address.clinic_location_type, "home")
        self.assertEqual(address.clinic_address_type, "service")

    def _patient_with_school(self, name):
        Partner = self.env["res.partner"]
        patient = Partner.create(
            {"name": name, "clinic_is_patient": True, "clinic_address_type": "billing"}
        )
        school = Partner.create(
            {"name": "School", "parent_id": patient.id, "type": "other", **LOCATION}
        )
        return patient, school

    def test_second_billing_address_is_refused(self):
        patient, _school = self._patient_with_school("Noah Price")
        with self.assertRaisesRegex(ValidationError, "one billing address at a time"):
            self.env["res.partner"].create(
                {
                    "name": "Dad's flat",
                    "parent_id": patient.id,
                    "type": "invoice",
                    "clinic_address_type": "both",
                }
            )

    def test_address_made_billing_beside_another_is_refused(self):
        _patient, school = self._patient_with_school("Ella Stone")
        with self.assertRaisesRegex(ValidationError, "Ella Stone already has a billing address"):
            school.clinic_address_type = "billing"

    def test_billing_address_moves_in_two_steps(self):
        patient, school = self._patient_with_school("Liam Ortiz")
        patient.clinic_address_type = "service"
        school.clinic_address_type = "billing"
        self.assertEqual(school.clinic_address_type, "billing")
