# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestStatusRules(ClinicRolesCommon):
    """The status rules run on every status change, not only through the wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = {
            key: cls.env.ref(f"crm_ortho_onboarding.crm_stage_clinic_ortho_{key}")
            for key in ("inquiry", "consult_scheduled", "exam", "presented")
        }
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "Braces for Leo",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "email_from": "park.family@example.com",
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "stage_id": cls.stage["inquiry"].id,
                "user_id": cls.users["treatment_coordinator"].id,
            }
        )
        # What each status plans, alone: the new lead's day-0 call is tested in
        # test_followup_defaults.
        cls.opportunity.activity_ids.unlink()

    def _status(self, code):
        return self.env.ref(f"crm_ortho_onboarding.clinic_followup_status_{code}")

    def test_appointment_scheduled_moves_an_ortho_lead_to_consultation_scheduled(self):
        self.opportunity.with_user(
            self.users["front_desk"]
        ).clinic_followup_status_id = self._status("appointment_scheduled")
        self.assertEqual(self.opportunity.stage_id, self.stage["consult_scheduled"])

    def test_visit_completed_moves_the_lead_on_but_never_back(self):
        self.opportunity.clinic_followup_status_id = self._status("visit_completed")
        self.assertEqual(self.opportunity.stage_id, self.stage["exam"])
        self.opportunity.stage_id = self.stage["presented"]
        self.opportunity.clinic_followup_status_id = self._status("appointment_scheduled")
        self.assertEqual(self.opportunity.stage_id, self.stage["presented"])

    def test_unqualified_leads_keep_no_stage_move(self):
        self.lead.clinic_followup_status_id = self._status("appointment_scheduled")
        self.assertEqual(self.lead.type, "lead")
        self.assertFalse(self.lead.stage_id.clinic_followup_status_ids)

    @freeze_time("2026-03-06 10:00:00")  # a Friday
    def test_appointment_canceled_plans_a_rebooking_call_next_business_day(self):
        self.opportunity.clinic_followup_status_id = self._status("appointment_canceled")
        activity = self.opportunity.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.date_deadline, date(2026, 3, 9))  # Monday

    @freeze_time("2026-03-02 10:00:00")
    def test_next_activity_due_follows_the_activities(self):
        self.opportunity.clinic_followup_status_id = self._status("no_response")
        self.assertEqual(self.opportunity.clinic_activity_deadline, date(2026, 3, 4))
        self.opportunity.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=date(2026, 3, 3)
        )
        self.assertEqual(self.opportunity.clinic_activity_deadline, date(2026, 3, 3))
        self.opportunity.activity_ids.action_feedback(feedback="Done")
        self.assertFalse(self.opportunity.clinic_activity_deadline)

    def test_a_status_that_needs_a_date_refuses_to_save_without_one(self):
        with self.assertRaisesRegex(ValidationError, "needs the date and time"):
            self.opportunity.clinic_followup_status_id = self._status("call_later")
        self.opportunity.write(
            {
                "clinic_followup_status_id": self._status("call_later").id,
                "clinic_followup_date": datetime(2026, 3, 10, 15, 0),
            }
        )
        self.assertEqual(self.opportunity.activity_ids.date_deadline, date(2026, 3, 10))

    def test_a_new_status_clears_the_previous_follow_up_date(self):
        self.opportunity.write(
            {
                "clinic_followup_status_id": self._status("rescheduled").id,
                "clinic_followup_date": datetime(2026, 3, 10, 15, 0),
            }
        )
        self.opportunity.clinic_followup_status_id = self._status("requires_followup")
        self.assertFalse(self.opportunity.clinic_followup_date)

    def test_read_only_roles_cannot_change_a_status(self):
        for role in ("read_only", "doctor", "billing", "clinical_staff"):
            with self.assertRaises(AccessError, msg=role):
                self.opportunity.with_user(
                    self.users[role]
                ).clinic_followup_status_id = self._status("interested")

    def test_an_admins_automation_rule_runs_on_status_change_without_looping(self):
        """A no-code rule: entering 'Interested' sets 'Requires follow-up' and tags the lead.

        The rule's own status change must not re-trigger the status rules endlessly;
        base_automation guards its rule and our status rules run once per change.
        """
        tag = self.env["crm.tag"].create({"name": "Hot"})
        field = self.env["ir.model.fields"]._get("crm.lead", "clinic_followup_status_id")
        self.env["base.automation"].create(
            {
                "name": "Interested leads are hot",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_create_or_write",
                "trigger_field_ids": [(6, 0, field.ids)],
                "filter_domain": repr(
                    [("clinic_followup_status_id", "=", self._status("interested").id)]
                ),
                "action_server_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Tag and ask for follow-up",
                            "model_id": self.env["ir.model"]._get_id("crm.lead"),
                            "state": "code",
                            "code": (
                                f"record.write({{'tag_ids': [(4, {tag.id})], "
                                f"'clinic_followup_status_id': "
                                f"{self._status('requires_followup').id}}})"
                            ),
                        },
                    )
                ],
            }
        )
        self.opportunity.clinic_followup_status_id = self._status("interested")
        self.assertIn(tag, self.opportunity.tag_ids)
        self.assertEqual(
            self.opportunity.clinic_followup_status_id, self._status("requires_followup")
        )
        summaries = self.opportunity.activity_ids.mapped("summary")
        # One activity per status entered, no more.
        self.assertEqual(len(summaries), 2, summaries)
