# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "clinic_tour")
class TestClinicLeadTour(HttpCase):
    """In Chromium: front desk captures a child's lead; a coordinator qualifies and converts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # In no team: they hold "All locations" (this is about the flow, not locations).
        cls.front_desk = new_test_user(
            cls.env,
            login="tour_frontdesk",
            groups="crm_ortho_onboarding.group_clinic_front_desk,"
            "crm_ortho_onboarding.group_clinic_all_locations",
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="tour_coordinator",
            groups="crm_ortho_onboarding.group_clinic_treatment_coordinator,"
            "crm_ortho_onboarding.group_clinic_all_locations",
        )

    def test_kanban_quick_create_asks_a_clinics_questions(self):
        """The pipeline's quick create asks for the patient, the parent, the phone and the
        concern; the card's title comes from them (issue 23, item 7)."""
        self.start_tour(
            "/odoo/clinic-ortho-pipeline",
            "crm_ortho_onboarding_quick_create",
            login="tour_coordinator",
        )
        lead = self.env["crm.lead"].search([("clinic_last_name", "=", "Quickcreate")])
        self.assertRecordValues(
            lead,
            [
                {
                    "name": "Emma Quickcreate – Crowding",
                    "clinic_first_name": "Emma",
                    "contact_name": "Laura Quickcreate",
                    "phone": "+13035550177",
                    "clinic_concern": "crowding",
                    "clinic_lead_type": "patient",
                    "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
                }
            ],
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

    def test_front_desk_qualifies_and_converts(self):
        """lead:convert is Front Desk's too (specification): the same buttons, the same result."""
        new_test_user(
            self.env,
            login="tour_frontdesk_convert",
            # Any location: this is about the permission, not location separation.
            groups="crm_ortho_onboarding.group_clinic_front_desk,"
            "crm_ortho_onboarding.group_clinic_all_locations",
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Noah Park – spacing",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Noah",
                "clinic_last_name": "Park",
                "contact_name": "Noah Park",
                "email_from": "noah.park@example.com",
                "type": "lead",
                "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
                "user_id": self.coordinator.id,
            }
        )
        self.start_tour(
            f"/odoo/clinic-leads/{lead.id}",
            "crm_ortho_onboarding_front_desk_convert",
            login="tour_frontdesk_convert",
        )
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.clinic_patient_id.name, "Noah Park")
        self.assertEqual(lead.user_id, self.coordinator, "converting is not reassigning")


@tagged("post_install", "-at_install", "clinic_tour")
class TestCoordinatorDayTour(HttpCase):
    """In Chromium: the coordinator works Today's list and opens the dashboard."""

    def test_coordinator_day(self):
        coordinator = new_test_user(
            self.env,
            login="tour_day_coordinator",
            tz="UTC",
            groups="crm_ortho_onboarding.group_clinic_treatment_coordinator",
        )
        call_later = self.env.ref("crm_ortho_onboarding.clinic_followup_status_call_later")
        now = fields.Datetime.now()
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Tour {label} Family",
                    "clinic_first_name": label,
                    "clinic_last_name": "Family",
                    "email_from": "tour.family@example.com",
                    "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
                    "user_id": coordinator.id,
                    "clinic_followup_status_id": call_later.id,
                    "clinic_followup_date": now + timedelta(days=days),
                }
                for label, days in (("Overdue", -1), ("Next Week", 7))
            ]
        )
        self.start_tour(
            "/odoo/clinic-today",
            "crm_ortho_onboarding_coordinator_day",
            login="tour_day_coordinator",
        )
        overdue = leads[0]
        self.assertEqual(
            overdue.clinic_followup_status_id,
            self.env.ref("crm_ortho_onboarding.clinic_followup_status_no_response"),
        )
        self.assertFalse(overdue.clinic_followup_overdue)
        self.assertEqual(len(overdue.activity_ids), 1)
        self.assertGreater(overdue.activity_ids.date_deadline, fields.Date.today())
