# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CLINIC_ROLES, ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestConsults(ClinicRolesCommon):
    """Consultations are calendar events of the lead; their outcome drives the status."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent = cls.env["res.partner"].create(
            {"name": "Ana Park", "email": "ana.park@example.com"}
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "Braces for Leo",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "partner_id": cls.parent.id,
                "email_from": "ana.park@example.com",
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "stage_id": cls.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry").id,
                "user_id": cls.users["treatment_coordinator"].id,
                "source_id": cls.env["utm.source"].create({"name": "Flyer"}).id,
            }
        )

    def _book(self, user=None, start=None):
        user = user or self.users["treatment_coordinator"]
        action = self.opportunity.with_user(user).action_clinic_schedule_consult()
        ctx = {k[8:]: v for k, v in action["context"].items() if k.startswith("default_")}
        start = start or fields.Datetime.now() + timedelta(days=3)
        return (
            self.env["calendar.event"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"start": start, "stop": start + timedelta(hours=1)})
        ), ctx

    def _status(self, code):
        return self.env.ref(f"crm_ortho_onboarding.clinic_followup_status_{code}")

    def test_scheduling_invites_the_family_and_marks_the_lead_scheduled(self):
        event, defaults = self._book()
        self.assertTrue(event.clinic_is_consult)
        self.assertEqual(event.opportunity_id, self.opportunity)
        self.assertIn(self.parent, event.partner_ids)
        self.assertIn(
            self.env.ref("crm_ortho_onboarding.calendar_alarm_clinic_consult_email"),
            event.alarm_ids,
        )
        self.assertEqual(defaults["name"], "Consultation – Leo Park")
        self.assertEqual(
            self.opportunity.clinic_followup_status_id, self._status("appointment_scheduled")
        )
        self.assertEqual(
            self.opportunity.stage_id,
            self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_consult_scheduled"),
        )
        self.assertTrue(self.opportunity.clinic_consult_booked)
        self.assertEqual(self.opportunity.clinic_consult_date, event.start)
        self.assertEqual(self.opportunity.clinic_funnel_step, "consult")
        # The family gets the invitation by e-mail (queued on the clinic's own mail server).
        invitations = self.env["mail.mail"].search([("recipient_ids", "in", self.parent.ids)])
        self.assertTrue(invitations, "no invitation e-mail for the family")

    def test_attended_completes_the_visit(self):
        event, _defaults = self._book(start=fields.Datetime.now() - timedelta(hours=1))
        event.with_user(self.users["doctor"]).action_clinic_attended()
        self.assertEqual(
            self.opportunity.clinic_followup_status_id, self._status("visit_completed")
        )
        self.assertTrue(self.opportunity.clinic_consult_attended)
        self.assertEqual(
            self.opportunity.stage_id,
            self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_exam"),
        )

    @freeze_time("2026-03-06 09:00:00")  # a Friday
    def test_a_no_show_is_counted_and_plans_a_rebooking_call(self):
        event, _defaults = self._book(start=datetime(2026, 3, 6, 8, 0))
        event.action_clinic_no_show()
        self.assertEqual(self.opportunity.clinic_no_show_count, 1)
        self.assertEqual(
            self.opportunity.clinic_followup_status_id, self._status("appointment_canceled")
        )
        rebook = self.opportunity.activity_ids.filtered(
            lambda a: a.summary == "Appointment canceled"
        )
        self.assertEqual(rebook.date_deadline, datetime(2026, 3, 9).date())
        # No-shows add up per source.
        per_source = self.env["crm.lead"]._read_group(
            [("source_id", "=", self.opportunity.source_id.id)], [], ["clinic_no_show_count:sum"]
        )
        self.assertEqual(per_source[0][0], 1)

    def test_interested_opens_consult_scheduling(self):
        wizard = (
            self.env["clinic.followup.status.change"]
            .with_user(self.users["front_desk"])
            .create(
                {
                    "lead_ids": [(6, 0, self.opportunity.ids)],
                    "status_id": self._status("interested").id,
                    "note": "Wants a Saturday slot",
                }
            )
        )
        action = wizard.action_apply()
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertTrue(action["context"]["default_clinic_is_consult"])

    def test_scheduling_links_and_invites_a_contact_not_yet_linked(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Braces for Mia",
                "clinic_first_name": "Mia",
                "clinic_last_name": "Cole",
                "contact_name": "Dana Cole",
                "clinic_contact_relation": "parent",
                "email_from": "dana.cole@example.com",
                "phone": "+1 212 736 5001",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
            }
        )
        self.assertFalse(lead.partner_id)
        coordinator = self.users["treatment_coordinator"]
        action = lead.with_user(coordinator).action_clinic_schedule_consult()
        contact = lead.partner_id
        self.assertEqual(contact.name, "Dana Cole")
        self.assertEqual(contact.email, "dana.cole@example.com")
        self.assertIn(contact.id, action["context"]["default_partner_ids"])
        start = fields.Datetime.now() + timedelta(days=2)
        event = (
            self.env["calendar.event"]
            .with_user(coordinator)
            .with_context(**action["context"])
            .create({"start": start, "stop": start + timedelta(hours=1)})
        )
        self.assertIn(contact, event.partner_ids)
        # Booking again reuses the contact instead of making another.
        lead.with_user(coordinator).action_clinic_schedule_consult()
        self.assertEqual(
            self.env["res.partner"].search_count([("email", "=", "dana.cole@example.com")]), 1
        )

    def test_scheduling_links_the_clinic_contact_with_the_same_phone(self):
        known = self.env["res.partner"].create({"name": "Sam Ortiz", "phone": "+1 212 736 5002"})
        lead = self.env["crm.lead"].create(
            {
                "name": "Braces for Noa",
                "clinic_first_name": "Noa",
                "clinic_last_name": "Ortiz",
                "contact_name": "Sam Ortiz",
                "phone": "+1 212 736 5002",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
            }
        )
        action = lead.with_user(self.users["front_desk"]).action_clinic_schedule_consult()
        self.assertEqual(lead.partner_id, known)
        self.assertIn(known.id, action["context"]["default_partner_ids"])

    def test_the_doctor_is_invited_and_sees_the_consult_in_his_calendar(self):
        doctor = self.users["doctor"]
        event, _defaults = self._book()
        event.clinic_doctor_id = doctor
        self.assertIn(doctor.partner_id, event.partner_ids)
        # The calendar shows a user the events he attends.
        mine = (
            self.env["calendar.event"]
            .with_user(doctor)
            .search([("partner_ids", "in", doctor.partner_id.ids)])
        )
        self.assertIn(event, mine)
        # Another doctor takes the consult: he is invited instead.
        other = mail_new_test_user(
            self.env, login="test_clinic_doctor_2", groups=CLINIC_ROLES["doctor"]
        )
        event.clinic_doctor_id = other
        self.assertIn(other.partner_id, event.partner_ids)
        self.assertNotIn(doctor.partner_id, event.partner_ids)
        # Booked with a doctor at once.
        start = fields.Datetime.now() + timedelta(days=4)
        booked = self.env["calendar.event"].create(
            {
                "name": "Consultation",
                "clinic_is_consult": True,
                "opportunity_id": self.opportunity.id,
                "clinic_doctor_id": doctor.id,
                "start": start,
                "stop": start + timedelta(hours=1),
            }
        )
        self.assertIn(doctor.partner_id, booked.partner_ids)

    def test_the_doctor_field_offers_only_doctors(self):
        Event = self.env["calendar.event"].with_user(self.users["front_desk"])
        domain = Event._fields["clinic_doctor_id"].get_comodel_domain(Event)
        offered = self.env["res.users"].search(domain)
        self.assertIn(self.users["doctor"], offered)
        for role in ("front_desk", "treatment_coordinator", "billing", "clinical_staff"):
            self.assertNotIn(self.users[role], offered, role)

    def test_the_outcome_is_recorded_once_the_consult_has_begun(self):
        event, _defaults = self._book()
        self.assertFalse(event.clinic_has_started)
        for action in ("action_clinic_attended", "action_clinic_no_show", "action_clinic_canceled"):
            with self.assertRaises(UserError):
                getattr(event, action)()
        self.assertFalse(event.clinic_outcome)
        self.assertEqual(
            self.opportunity.clinic_followup_status_id, self._status("appointment_scheduled")
        )
        # The form hides the outcome buttons until then, and on an unsaved consult.
        arch = self.env["calendar.event"].get_view(
            self.env.ref("calendar.view_calendar_event_form").id
        )["arch"]
        for action in ("action_clinic_attended", "action_clinic_no_show", "action_clinic_canceled"):
            self.assertRegex(
                arch, rf'name="{action}"[^>]*invisible="[^"]*not id or not clinic_has_started'
            )
        with freeze_time(event.start + timedelta(minutes=5)):
            event.invalidate_recordset(["clinic_has_started"])
            self.assertTrue(event.clinic_has_started)
            event.action_clinic_no_show()
        self.assertEqual(event.clinic_outcome, "no_show")
