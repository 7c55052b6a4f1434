# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestPatientMatching(ClinicRolesCommon):
    """Prospect ↔ patient matching: shown, flagged, never merged silently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.patient = Partner.create(
            {
                "name": "Ethan Brooks",
                "clinic_is_patient": True,
                "clinic_birthdate": date(2013, 3, 9),
                "email": "ethan.brooks@example.com",
                "phone": "+16465550143",
            }
        )
        cls.guardian = Partner.create(
            {"name": "Helen Brooks", "email": "helen.brooks@example.com", "phone": "+13125550199"}
        )
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": cls.patient.id, "guardian_id": cls.guardian.id, "relation": "parent"}
        )

    def _lead(self, **vals):
        values = {"clinic_first_name": "Someone", "clinic_last_name": "Else"}
        values.update(vals)
        return self.env["crm.lead"].create(values)

    def test_email_match_ignores_case_and_spaces(self):
        lead = self._lead(email_from=" Helen.Brooks@EXAMPLE.com")
        self.assertEqual(lead.clinic_match_partner_ids, self.guardian)
        self.assertEqual(lead.clinic_match_count, 1)

    def test_phone_match_uses_the_normalised_number(self):
        lead = self._lead(phone="(312) 555-0199")
        self.assertEqual(lead.clinic_match_partner_ids, self.guardian)

    def test_name_and_birthdate_match_flags_an_existing_patient(self):
        lead = self._lead(
            clinic_first_name="ethan", clinic_last_name="BROOKS", clinic_birthdate=date(2013, 3, 9)
        )
        self.assertEqual(lead.clinic_match_partner_ids, self.patient)
        self.assertTrue(lead.clinic_is_existing_patient)

    def test_same_name_different_birthdate_is_another_person(self):
        lead = self._lead(
            clinic_first_name="Ethan", clinic_last_name="Brooks", clinic_birthdate=date(2015, 7, 1)
        )
        self.assertFalse(lead.clinic_match_partner_ids)
        self.assertFalse(lead.clinic_is_existing_patient)

    def test_same_name_without_birthdate_is_not_a_match(self):
        lead = self._lead(clinic_first_name="Ethan", clinic_last_name="Brooks")
        self.assertFalse(lead.clinic_match_partner_ids)

    def test_new_patient_flags_their_open_leads(self):
        lead = self._lead(
            clinic_first_name="Chloe", clinic_last_name="Adams", clinic_birthdate=date(2012, 1, 2)
        )
        other = self._lead(
            clinic_first_name="Chloe", clinic_last_name="Adams", clinic_birthdate=date(2016, 1, 2)
        )
        self.assertFalse(lead.clinic_is_existing_patient)
        patient = self.env["res.partner"].create(
            {"name": "Chloe Adams", "clinic_is_patient": True, "clinic_birthdate": date(2012, 1, 2)}
        )
        self.assertTrue(lead.clinic_is_existing_patient)
        self.assertFalse(other.clinic_is_existing_patient)
        self.assertEqual(patient.clinic_matching_lead_ids, lead)
        self.assertIn("Matches patient Chloe Adams", lead.message_ids[:1].body)

    def test_link_button_links_without_merging(self):
        lead = self._lead(email_from="ethan.brooks@example.com")
        self.assertIn(self.patient, lead.clinic_match_partner_ids)
        partners_before = self.env["res.partner"].search_count([])
        self.patient.with_user(self.users["front_desk"]).with_context(
            clinic_lead_id=lead.id
        ).action_clinic_link_to_lead()
        self.assertEqual(lead.clinic_patient_id, self.patient)
        self.assertTrue(lead.clinic_is_existing_patient)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertTrue(self.patient.exists() and self.guardian.exists())
