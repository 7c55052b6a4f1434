# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestLeadModel(ClinicRolesCommon):
    """Lead types, normalisation and the validation messages staff see."""

    def _lead(self, **vals):
        values = {"clinic_first_name": "Emma", "clinic_last_name": "Stone"}
        values.update(vals)
        return self.env["crm.lead"].create(values)

    def test_new_lead_is_a_patient_lead_and_gets_a_title(self):
        lead = self._lead(clinic_concern="invisalign")
        self.assertEqual(lead.clinic_lead_type, "patient")
        self.assertEqual(lead.name, "Emma Stone – Invisalign / clear aligners")
        self.assertEqual(lead.contact_name, "Emma Stone")

    def test_primary_contact_becomes_the_contact_name(self):
        lead = self._lead(
            clinic_contact_first_name="Laura",
            clinic_contact_last_name="Stone",
            clinic_contact_relation="parent",
        )
        self.assertEqual(lead.contact_name, "Laura Stone")

    @freeze_time("2026-06-15")
    def test_age_and_minor_follow_the_birthdate(self):
        child = self._lead(clinic_birthdate=date(2014, 6, 16))
        adult = self._lead(clinic_birthdate=date(2008, 6, 15), clinic_first_name="Ann")
        self.assertEqual(child.clinic_age, 11)
        self.assertTrue(child.clinic_is_minor)
        self.assertEqual(adult.clinic_age, 18)
        self.assertFalse(adult.clinic_is_minor)
        minors = self.env["crm.lead"].search(
            [("clinic_is_minor", "=", True), ("id", "in", (child | adult).ids)]
        )
        self.assertEqual(minors, child)

    def test_phone_is_stored_in_e164_and_email_normalised(self):
        lead = self._lead(phone="(212) 736-5000", email_from="  Laura.Stone@Example.COM ")
        self.assertEqual(lead.phone, "+12127365000")
        self.assertEqual(lead.email_from, "laura.stone@example.com")

    def test_invalid_phone_names_the_field_and_saves_nothing(self):
        count = self.env["crm.lead"].search_count([])
        with self.assertRaisesRegex(ValidationError, "Phone: “12345” is not a valid phone"):
            self._lead(phone="12345")
        with self.assertRaisesRegex(ValidationError, "Email: “not-an-email” is not a valid"):
            self._lead(email_from="not-an-email")
        self.assertEqual(self.env["crm.lead"].search_count([]), count)

    def test_birthdate_in_the_future_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Birthdate"):
            self._lead(clinic_birthdate=date(2999, 1, 1))

    def test_npi_needs_a_valid_check_digit(self):
        lead = self._lead(clinic_lead_type="practitioner", clinic_npi="1234567893")
        self.assertEqual(lead.clinic_npi, "1234567893")
        with self.assertRaisesRegex(ValidationError, "NPI Number: 1234567890 is not a valid"):
            lead.clinic_npi = "1234567890"
        with self.assertRaisesRegex(ValidationError, "NPI Number"):
            lead.clinic_npi = "12345"

    def test_a_lead_naming_only_its_contact_is_about_that_person(self):
        """Odoo's website form, aliases and imports only give a contact name."""
        lead = self.env["crm.lead"].create({"name": "Website inquiry", "contact_name": "Jane  Roe"})
        self.assertEqual((lead.clinic_first_name, lead.clinic_last_name), ("Jane", "Roe"))

    def test_lead_needs_the_person_name(self):
        ortho = self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        recruiting = self.env["crm.team"].create(
            {"name": "Recruiting", "clinic_pipeline_type": "practitioner"}
        )
        Lead = self.env["crm.lead"]
        with self.assertRaisesRegex(ValidationError, "Patient name"):
            Lead.create({"name": "Call back", "phone": "+12127365000", "team_id": ortho.id})
        with self.assertRaisesRegex(ValidationError, "Name: enter a first or last name"):
            Lead.create(
                {"name": "Applicant", "team_id": recruiting.id, "clinic_lead_type": "practitioner"}
            )
        # Moving a nameless lead of another sales team into a clinic pipeline is refused too.
        other_team = self.env["crm.team"].create({"name": "Suppliers"})
        supplier = Lead.create({"name": "Dental chairs quote", "team_id": other_team.id})
        with self.assertRaisesRegex(ValidationError, "enter a first or last name"):
            supplier.team_id = ortho

    def test_staff_may_save_without_contact_but_are_warned(self):
        lead = self._lead()
        self.assertTrue(lead.clinic_contact_warning)
        lead.phone = "+12127365000"
        self.assertFalse(lead.clinic_contact_warning)

    def test_public_capture_requires_a_way_to_reach_the_family(self):
        Lead = self.env["crm.lead"].with_context(clinic_require_contact=True)
        with self.assertRaisesRegex(ValidationError, "Phone or Email"):
            Lead.create({"clinic_first_name": "Zoe"})
        self.assertTrue(Lead.create({"clinic_first_name": "Zoe", "email_from": "z@example.com"}))
