# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "clinic_tour")
class TestClinicLeadTour(HttpCase):
    """In Chromium: front desk captures a child's lead; a coordinator qualifies and converts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk = new_test_user(
            cls.env,
            login="tour_frontdesk",
            groups="crm_ortho_onboarding.group_clinic_front_desk",
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="tour_coordinator",
            groups="crm_ortho_onboarding.group_clinic_treatment_coordinator",
        )

    def test_front_desk_to_patient(self):
        self.start_tour(
            "/odoo/clinic-leads/new", "crm_ortho_onboarding_front_desk_lead", login="tour_frontdesk"
        )
        lead = self.env["crm.lead"].search([("email_from", "=", "elena.rivera@example.com")])
        self.assertEqual(len(lead), 1)
        self.assertRecordValues(
            lead,
            [
                {
                    "clinic_lead_type": "patient",
                    "clinic_first_name": "Lucas",
                    "clinic_contact_relation": "parent",
                    "phone": "+12127365000",
                    "type": "lead",
                    "create_uid": self.front_desk.id,
                }
            ],
        )
        self.assertTrue(lead.clinic_is_minor)

        self.start_tour(
            f"/odoo/clinic-leads/{lead.id}",
            "crm_ortho_onboarding_coordinator_convert",
            login="tour_coordinator",
        )
        self.assertEqual(lead.type, "opportunity")
        patient = lead.clinic_patient_id
        self.assertEqual(patient.name, "Lucas Rivera")
        guardian = patient.clinic_guardian_link_ids.guardian_id
        self.assertEqual(guardian.name, "Elena Rivera")
        self.assertEqual(guardian.email, "elena.rivera@example.com")
        self.assertEqual(lead.partner_id, guardian)
