# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import Form, freeze_time, tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestSpeedToLead(ClinicRolesCommon):
    """Web/API leads: first call due within the SLA, counted in opening hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Mon–Fri 8–12 and 13–17, in UTC so the expected times read plainly.
        calendar = cls.env["resource.calendar"].create({"name": "Clinic hours", "tz": "UTC"})
        cls.env.company.resource_calendar_id = calendar
        cls.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.first_contact_sla_minutes", "15"
        )

    def _capture(self, **vals):
        return (
            self.env["crm.lead"]
            .with_context(clinic_capture_channel="web")
            .create({"clinic_first_name": "Max", "email_from": "max.parent@example.com", **vals})
        )

    @freeze_time("2026-03-02 10:00:00")  # Monday, open
    def test_first_call_due_fifteen_minutes_later_in_opening_hours(self):
        lead = self._capture(user_id=self.users["treatment_coordinator"].id)
        self.assertEqual(lead.clinic_first_contact_due, datetime(2026, 3, 2, 10, 15))
        # The call is planned by the after-capture job, not in the request.
        self.assertFalse(lead.activity_ids)
        lead._clinic_after_capture()
        activity = lead.activity_ids
        self.assertEqual(activity.summary, "First contact")
        self.assertEqual(activity.date_deadline, date(2026, 3, 2))
        self.assertEqual(activity.user_id, self.users["treatment_coordinator"])

    @freeze_time("2026-03-06 16:50:00")  # Friday, ten minutes before closing
    def test_sla_carries_over_the_weekend(self):
        lead = self._capture()
        self.assertEqual(lead.clinic_first_contact_due, datetime(2026, 3, 9, 8, 5))

    @freeze_time("2026-03-07 11:00:00")  # Saturday
    def test_lead_on_a_closed_day_is_due_after_opening(self):
        lead = self._capture()
        self.assertEqual(lead.clinic_first_contact_due, datetime(2026, 3, 9, 8, 15))

    def test_staff_entered_leads_get_no_sla(self):
        lead = self.env["crm.lead"].create({"clinic_first_name": "Walk", "phone": "+12127365000"})
        self.assertFalse(lead.clinic_first_contact_due)
        # Only the Pending contact call of every new lead, no first-contact deadline.
        self.assertEqual(lead.activity_ids.mapped("summary"), ["Pending contact"])

    def test_first_contact_is_measured_and_stops_the_overdue_flag(self):
        with freeze_time("2026-03-02 10:00:00"):
            lead = self._capture()
        with freeze_time("2026-03-02 11:00:00"):
            self.assertTrue(lead.clinic_first_contact_overdue)
            overdue = self.env["crm.lead"].search(
                [("clinic_first_contact_overdue", "=", True), ("id", "=", lead.id)]
            )
            self.assertEqual(overdue, lead)
            user = self.users["front_desk"]
            action = lead.with_user(user).action_clinic_change_status()
            wizard = Form(
                self.env[action["res_model"]].with_user(user).with_context(**action["context"])
            )
            wizard.status_id = self.env.ref(
                "crm_ortho_onboarding.clinic_followup_status_no_response"
            )
            wizard.note = "Voicemail"
            wizard.save().action_apply()
            self.assertEqual(lead.clinic_first_contact_date, datetime(2026, 3, 2, 11, 0))
            self.assertAlmostEqual(lead.clinic_hours_to_first_contact, 1.0)
            self.assertFalse(lead.clinic_first_contact_overdue)
