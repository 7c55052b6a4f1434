# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestFollowupStatus(ClinicRolesCommon):
    """Change status: a note, a date where needed, and what the status plans next."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # What each status plans, alone: the new lead's day-0 call is tested in
        # test_followup_defaults.
        cls.lead.activity_ids.unlink()

    def _status(self, code):
        return self.env.ref(f"crm_ortho_onboarding.clinic_followup_status_{code}")

    def _change(self, code, note="Called the family", user=None, followup_date=None, leads=None):
        user = user or self.users["treatment_coordinator"]
        leads = leads or self.lead
        action = leads.with_user(user).action_clinic_change_status()
        wizard = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        wizard.status_id = self._status(code)
        wizard.note = note
        if followup_date:
            wizard.followup_date = followup_date
        return wizard.save().action_apply()

    def test_the_ten_clinic_statuses_are_shipped_in_order(self):
        names = self.env["clinic.followup.status"].search([]).mapped("name")
        self.assertEqual(
            names[:10],
            [
                "Pending contact",
                "Contacted – no response",
                "Contacted – call later",
                "Rescheduled",
                "Requires follow-up",
                "Not interested",
                "Appointment canceled",
                "Interested – schedule appointment",
                "Appointment scheduled",
                "Visit completed",
            ],
        )

    @freeze_time("2026-03-02 10:00:00")  # a Monday
    def test_no_response_plans_a_call_in_two_days_and_logs_the_note(self):
        self._change("no_response", note="Voicemail left")
        self.assertEqual(self.lead.clinic_followup_status_id, self._status("no_response"))
        activity = self.lead.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.date_deadline, date(2026, 3, 4))
        self.assertEqual(activity.user_id, self.users["treatment_coordinator"])
        self.assertIn("Voicemail left", self.lead.message_ids[0].body)

    def test_third_no_response_in_a_row_proposes_disqualifying(self):
        self.assertTrue(self._change("no_response"))
        self.assertTrue(self._change("no_response"))
        action = self._change("no_response")
        self.assertEqual(self.lead.clinic_followup_streak, 3)
        self.assertEqual(action["res_model"], "crm.lead.lost")
        self.assertEqual(
            action["context"]["default_lost_reason_id"],
            self.env.ref("crm_ortho_onboarding.crm_lost_reason_clinic_unreachable").id,
        )
        self.assertTrue(self.lead.active, "proposing is not disqualifying")

    def test_another_status_resets_the_streak(self):
        self._change("no_response")
        self._change("no_response")
        self._change("requires_followup")
        self.assertTrue(self._change("no_response") is True)
        self.assertEqual(self.lead.clinic_followup_streak, 1)

    def test_call_later_needs_a_date_and_plans_the_call_then(self):
        with self.assertRaises(AssertionError):  # required on the form
            self._change("call_later")
        wizard = self.env["clinic.followup.status.change"].create(
            {"lead_ids": self.lead.ids, "status_id": self._status("call_later").id, "note": "x"}
        )
        with self.assertRaisesRegex(UserError, "needs the date and time"):
            wizard.action_apply()
        self.assertEqual(
            self.lead.clinic_followup_status_id,
            self._status("pending_contact"),
            "nothing half-saved",
        )
        self._change("call_later", followup_date=datetime(2026, 12, 3, 15, 30))
        self.assertEqual(self.lead.clinic_followup_date, datetime(2026, 12, 3, 15, 30))
        self.assertEqual(self.lead.activity_ids.date_deadline, date(2026, 12, 3))

    def test_not_interested_proposes_disqualifying_with_that_reason(self):
        action = self._change("not_interested")
        self.assertEqual(action["res_model"], "crm.lead.lost")
        self.assertEqual(
            action["context"]["default_lost_reason_id"],
            self.env.ref("crm_ortho_onboarding.crm_lost_reason_clinic_not_interested").id,
        )

    @freeze_time("2026-03-06 10:00:00")  # a Friday
    def test_canceled_appointment_plans_a_rebooking_call_next_business_day(self):
        self._change("appointment_canceled")
        self.assertEqual(self.lead.activity_ids.date_deadline, date(2026, 3, 9))

    def test_status_and_follow_up_date_are_tracked_fields(self):
        fields = self.env["crm.lead"]._fields
        self.assertTrue(fields["clinic_followup_status_id"].tracking)
        self.assertTrue(fields["clinic_followup_date"].tracking)

    def test_several_leads_at_once(self):
        other = self.lead.copy({"clinic_first_name": "Sam"})
        self._change("pending_contact", leads=self.lead | other)
        self.assertEqual(
            (self.lead | other).clinic_followup_status_id, self._status("pending_contact")
        )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_read_only_roles_cannot_change_status_nor_edit_statuses(self):
        for role in ("read_only", "doctor", "billing"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._change("no_response", user=self.users[role])
            with self.assertRaises(AccessError):
                self._status("no_response").with_user(self.users[role]).write({"name": "x"})
        self._change("no_response", user=self.users["front_desk"])
        self._status("no_response").with_user(self.users["clinic_admin"]).write(
            {"activity_delay_days": 3}
        )
        self.assertEqual(self._status("no_response").activity_delay_days, 3)
