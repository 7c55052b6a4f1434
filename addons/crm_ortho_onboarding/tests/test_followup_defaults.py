# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import Form, freeze_time, tagged

from .common import ClinicRolesCommon

FRIDAY = "2026-03-06 10:00:00"


@tagged("post_install", "-at_install", "clinic_followup")
class TestFollowupDefaults(ClinicRolesCommon):
    """New leads start at Pending contact; each status plans its own activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.front_desk = cls.users["front_desk"]
        cls.call = cls.env.ref("mail.mail_activity_data_call")

    def _status(self, code):
        return self.env.ref(f"crm_ortho_onboarding.clinic_followup_status_{code}")

    def _new_lead(self, user=None, **values):
        Lead = self.env["crm.lead"].with_user(user) if user else self.env["crm.lead"]
        return Lead.create(
            {
                "clinic_first_name": "Noah",
                "clinic_last_name": "Vance",
                "phone": "+12125550143",
                "team_id": self.ortho_team.id,
                "user_id": self.coordinator.id,
            }
            | values
        ).sudo()

    # ------------------------------------------------------------------
    # Pending contact on every new lead
    # ------------------------------------------------------------------

    @freeze_time(FRIDAY)
    def test_staff_lead_starts_pending_contact_with_a_day0_call_for_its_owner(self):
        lead = self._new_lead(user=self.coordinator)
        self.assertEqual(lead.clinic_followup_status_id, self._status("pending_contact"))
        self.assertEqual(lead.clinic_followup_streak, 1)
        self.assertRecordValues(
            lead.activity_ids,
            [
                {
                    "activity_type_id": self.call.id,
                    "date_deadline": date(2026, 3, 6),
                    "user_id": self.coordinator.id,
                }
            ],
        )
        self.assertFalse(lead.clinic_first_contact_date, "pending contact is no contact yet")

    @freeze_time(FRIDAY)
    def test_leads_created_together_get_one_call_each_for_their_own_owner(self):
        other = self.users["clinic_admin"]
        leads = self.env["crm.lead"].create(
            [
                {"clinic_first_name": f"Kid {i}", "team_id": self.ortho_team.id, "user_id": u.id}
                for i, u in enumerate([self.coordinator, other, self.coordinator])
            ]
        )
        self.assertEqual(set(leads.clinic_followup_status_id.mapped("code")), {"pending_contact"})
        for lead in leads:
            self.assertEqual(len(lead.activity_ids), 1)
            self.assertEqual(lead.activity_ids.user_id, lead.user_id)
            self.assertEqual(lead.activity_ids.activity_type_id, self.call)

    def test_a_referred_lead_starts_pending_contact_too(self):
        referrer = self.env["res.partner"].create({"name": "Dr. Ruth Hale"})
        lead = self._new_lead(
            user=self.front_desk, clinic_referred_by_id=referrer.id, user_id=self.front_desk.id
        )
        self.assertEqual(lead.clinic_followup_status_id, self._status("pending_contact"))
        self.assertEqual(lead.activity_ids.activity_type_id, self.call)

    def test_a_status_given_at_creation_is_kept(self):
        lead = self._new_lead(clinic_followup_status_id=self._status("interested").id)
        self.assertEqual(lead.clinic_followup_status_id, self._status("interested"))
        self.assertEqual(
            lead.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_meeting")
        )

    @freeze_time(FRIDAY)
    def test_web_lead_gets_its_status_in_the_insert_and_its_call_after_the_answer(self):
        lead = (
            self.env["crm.lead"]
            .with_context(clinic_capture_channel="web")
            .create(
                {
                    "clinic_first_name": "Ivy",
                    "clinic_last_name": "Stone",
                    "email_from": "ivy.stone@example.com",
                    "team_id": self.ortho_team.id,
                }
            )
        )
        self.assertEqual(lead.clinic_followup_status_id, self._status("pending_contact"))
        self.assertFalse(lead.activity_ids, "no activity inside the capture request")
        lead._clinic_after_capture()
        self.assertEqual(len(lead.activity_ids), 1)
        self.assertEqual(lead.activity_ids.activity_type_id, self.call)
        self.assertEqual(lead.activity_ids.date_deadline, date(2026, 3, 6))

    def test_a_lead_of_an_odoo_sales_team_keeps_odoo_behaviour(self):
        sales = self.env["crm.team"].create({"name": "Supplies"})
        lead = self.env["crm.lead"].create({"name": "Gloves", "team_id": sales.id})
        self.assertFalse(lead.clinic_followup_status_id)
        self.assertFalse(lead.activity_ids)

    # ------------------------------------------------------------------
    # What each of the ten statuses plans
    # ------------------------------------------------------------------

    def _enter(self, code, followup=None):
        """Enter ``code`` as front desk on a coordinator's lead; the activities it added."""
        lead = self._new_lead()
        before = lead.activity_ids
        values = {"clinic_followup_status_id": self._status(code).id}
        if followup:
            values["clinic_followup_date"] = followup
        lead.with_user(self.front_desk).write(values)
        return lead.activity_ids - before

    def _assert_activity(self, activities, type_xmlid, deadline):
        self.assertRecordValues(
            activities,
            [
                {
                    "activity_type_id": self.env.ref(type_xmlid).id,
                    "date_deadline": deadline,
                    "user_id": self.coordinator.id,  # the lead's owner, not who set it
                }
            ],
        )

    @freeze_time(FRIDAY)
    def test_status_pending_contact_plans_a_call_today(self):
        lead = self._new_lead()
        lead.clinic_followup_status_id = self._status("no_response")
        before = lead.activity_ids
        lead.with_user(self.front_desk).clinic_followup_status_id = self._status("pending_contact")
        self._assert_activity(
            lead.activity_ids - before, "mail.mail_activity_data_call", date(2026, 3, 6)
        )

    @freeze_time(FRIDAY)
    def test_status_no_response_plans_a_call_in_two_days(self):
        self._assert_activity(
            self._enter("no_response"), "mail.mail_activity_data_call", date(2026, 3, 8)
        )

    @freeze_time(FRIDAY)
    def test_status_call_later_plans_a_call_on_the_date_asked(self):
        self._assert_activity(
            self._enter("call_later", datetime(2026, 3, 11, 16, 0)),
            "mail.mail_activity_data_call",
            date(2026, 3, 11),
        )

    @freeze_time(FRIDAY)
    def test_status_rescheduled_plans_a_call_on_the_new_date(self):
        self._assert_activity(
            self._enter("rescheduled", datetime(2026, 3, 12, 16, 0)),
            "mail.mail_activity_data_call",
            date(2026, 3, 12),
        )

    @freeze_time(FRIDAY)
    def test_status_requires_followup_plans_a_todo_next_business_day(self):
        self._assert_activity(
            self._enter("requires_followup"), "mail.mail_activity_data_todo", date(2026, 3, 9)
        )

    @freeze_time(FRIDAY)
    def test_status_not_interested_plans_nothing(self):
        self.assertFalse(self._enter("not_interested"))

    @freeze_time(FRIDAY)
    def test_status_appointment_canceled_plans_a_rebooking_call_next_business_day(self):
        self._assert_activity(
            self._enter("appointment_canceled"), "mail.mail_activity_data_call", date(2026, 3, 9)
        )

    @freeze_time(FRIDAY)
    def test_status_interested_plans_a_meeting_to_book_today(self):
        self._assert_activity(
            self._enter("interested"), "mail.mail_activity_data_meeting", date(2026, 3, 6)
        )

    @freeze_time(FRIDAY)
    def test_status_appointment_scheduled_plans_nothing(self):
        self.assertFalse(self._enter("appointment_scheduled"))

    @freeze_time(FRIDAY)
    def test_status_visit_completed_plans_nothing(self):
        self.assertFalse(self._enter("visit_completed"))

    # ------------------------------------------------------------------
    # Bulk status change from the list
    # ------------------------------------------------------------------

    def test_change_status_is_an_action_of_the_lead_list_for_front_desk(self):
        action = self.env.ref("crm_ortho_onboarding.clinic_followup_status_change_action")
        self.assertEqual(action.binding_model_id.model, "crm.lead")
        self.assertEqual(action.binding_view_types, "list")
        for role, expected in (("front_desk", True), ("read_only", False), ("doctor", False)):
            bindings = (
                self.env["ir.actions.actions"].with_user(self.users[role]).get_bindings("crm.lead")
            )
            ids = [binding["id"] for binding in bindings.get("action", [])]
            self.assertEqual(action.id in ids, expected, role)

    @freeze_time(FRIDAY)
    def test_change_status_of_several_selected_leads_at_once(self):
        leads = self.env["crm.lead"]
        for name in ("Ana", "Ben", "Cai"):
            leads |= self._new_lead(clinic_first_name=name)
        wizard_model = (
            self.env["clinic.followup.status.change"]
            .with_user(self.front_desk)
            .with_context(active_model="crm.lead", active_ids=leads.ids)
        )
        form = Form(wizard_model)
        form.status_id = self._status("no_response")
        form.note = "Left a voicemail."
        form.save().action_apply()
        for lead in leads:
            self.assertEqual(lead.clinic_followup_status_id, self._status("no_response"))
            # The day-0 call is done with the note; the next call is in two days.
            self.assertRecordValues(
                lead.activity_ids,
                [
                    {
                        "activity_type_id": self.call.id,
                        "date_deadline": date(2026, 3, 8),
                        "user_id": self.coordinator.id,
                    }
                ],
            )
            self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 6, 10, 0))

    # ------------------------------------------------------------------
    # Contact origins
    # ------------------------------------------------------------------

    def test_the_specification_contact_origins_ship_as_marketing_sources(self):
        names = {
            "medical_recommendation": "Medical recommendation",
            "family_recommendation": "Family recommendation",
            "google_search": "Google search",
            "social_ads": "Social ads",
            "tiktok": "TikTok",
            "website": "Website",
            "walk_in": "Walk-in",
            "phone_call": "Phone call",
        }
        for key, name in names.items():
            xmlid = f"crm_ortho_onboarding.utm_source_clinic_{key}"
            source = self.env.ref(xmlid)
            self.assertEqual(source.name, name)
            data = self.env["ir.model.data"].search(
                [("module", "=", "crm_ortho_onboarding"), ("name", "=", xmlid.split(".")[1])]
            )
            self.assertTrue(data.noupdate, f"{name}: admins may rename it")

    # ------------------------------------------------------------------
    # Last contacted
    # ------------------------------------------------------------------

    def test_a_call_marked_done_sets_last_contacted(self):
        with freeze_time("2026-03-06 10:00:00"):
            lead = self._new_lead()
            self.assertFalse(lead.clinic_last_contact_date)
        with freeze_time("2026-03-06 11:30:00"):
            lead.activity_ids.with_user(self.coordinator).action_feedback(feedback="Spoke to mom")
        self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 6, 11, 30))

    def test_a_todo_or_a_note_is_not_a_contact(self):
        lead = self._new_lead()
        lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.coordinator.id)
        todo = lead.activity_ids.filtered(lambda a: a.activity_type_id != self.call)
        todo.with_user(self.coordinator).action_feedback(feedback="Prepared the file")
        lead.message_post(body="Internal remark", subtype_xmlid="mail.mt_note")
        self.assertFalse(lead.clinic_last_contact_date)

    def test_texts_emails_and_meetings_set_last_contacted_latest_first(self):
        lead = self._new_lead()
        with freeze_time("2026-03-02 09:00:00"):
            lead.message_post(body="See you Monday", message_type="sms")
        self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 2, 9, 0))
        with freeze_time("2026-03-03 09:00:00"):
            lead.message_post(body="Our insurance card", message_type="email")
        self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 3, 9, 0))
        with freeze_time("2026-03-04 09:00:00"):
            lead.activity_schedule("mail.mail_activity_data_meeting", user_id=self.coordinator.id)
            meeting = lead.activity_ids.filtered(lambda a: a.activity_type_id != self.call)
            meeting.action_feedback(feedback="Visited the clinic")
        self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 4, 9, 0))
        # An older contact recorded late never moves it back.
        lead._clinic_mark_contacted(datetime(2026, 3, 1, 9, 0))
        self.assertEqual(lead.clinic_last_contact_date, datetime(2026, 3, 4, 9, 0))

    def test_today_shows_and_sorts_by_last_contacted(self):
        first, second = self._new_lead(), self._new_lead(clinic_first_name="Zoe")
        first._clinic_mark_contacted(datetime(2026, 3, 2, 9, 0))
        second._clinic_mark_contacted(datetime(2026, 3, 4, 9, 0))
        view = self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today")
        self.assertIn('name="clinic_last_contact_date"', view.arch_db)
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        found = Lead.web_search_read(
            [("id", "in", (first | second).ids), ("clinic_on_today", "=", True)],
            {"clinic_last_contact_date": {}},
            order="clinic_last_contact_date desc",
        )["records"]
        self.assertEqual([r["id"] for r in found], [second.id, first.id])
