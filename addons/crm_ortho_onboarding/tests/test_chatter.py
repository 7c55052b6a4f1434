# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import Form, tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestChatterReadable(ClinicRolesCommon):
    """One chatter message per action, with what happened and what changed."""

    @classmethod
    def default_env_context(cls):
        return {}  # the chatter as staff see it: field changes are logged

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.lead = cls.env["crm.lead"].create(
            {
                "clinic_first_name": "Leo",
                "clinic_last_name": "Garcia",
                "clinic_birthdate": fields.Date.today() - relativedelta(years=11),
                "clinic_contact_first_name": "Maria",
                "clinic_contact_last_name": "Garcia",
                "clinic_contact_relation": "parent",
                "email_from": "maria.garcia@example.com",
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "user_id": cls.coordinator.id,
            }
        )

    def _messages_of(self, action):
        self.env.flush_all()
        self.env.cr.flush()  # field changes are logged when the transaction ends
        before = self.lead.message_ids
        action()
        self.env.flush_all()
        self.env.cr.flush()
        self.lead.invalidate_recordset(["message_ids"])
        return self.lead.message_ids - before

    def _change_status(self, code, note):
        wizard = (
            self.env["clinic.followup.status.change"]
            .with_user(self.coordinator)
            .create(
                {
                    "lead_ids": [(6, 0, self.lead.ids)],
                    "status_id": self.env.ref(
                        f"crm_ortho_onboarding.clinic_followup_status_{code}"
                    ).id,
                    "note": note,
                }
            )
        )
        return wizard.action_apply()

    def _tracked(self, message):
        return set(message.sudo().tracking_value_ids.field_id.mapped("name"))

    def test_a_status_change_is_one_message_with_the_call_note_and_changes(self):
        self.assertTrue(self.lead.activity_ids, "the day-0 call is due")
        new = self._messages_of(lambda: self._change_status("no_response", "Voicemail left"))
        self.assertEqual(len(new), 1, new.mapped("body"))
        self.assertIn("Voicemail left", new.body)
        self.assertIn("clinic_followup_status_id", self._tracked(new))

    def test_without_a_call_due_the_changes_carry_the_note(self):
        self.lead.activity_ids.unlink()
        new = self._messages_of(lambda: self._change_status("requires_followup", "Call after 5"))
        self.assertEqual(len(new), 1, new.mapped("body"))
        self.assertIn("Call after 5", new.body)
        self.assertIn("clinic_followup_status_id", self._tracked(new))

    def test_converting_logs_one_message_and_no_match_with_the_new_patient(self):
        def convert():
            Form(
                self.env["clinic.patient.conversion"]
                .with_user(self.coordinator)
                .with_context(default_lead_id=self.lead.id)
            ).save().action_convert()

        new = self._messages_of(convert)
        self.assertEqual(len(new), 1, new.mapped("body"))
        self.assertIn("Converted: patient Leo Garcia", new.body)
        self.assertNotIn("Matches patient", new.body)
        self.assertIn("clinic_patient_id", self._tracked(new))
        self.assertFalse(self.lead.clinic_is_existing_patient)

    def test_booking_a_consult_logs_one_message(self):
        start = fields.Datetime.now() + timedelta(days=3)

        def book():
            action = self.lead.with_user(self.coordinator).action_clinic_schedule_consult()
            self.env["calendar.event"].with_user(self.coordinator).with_context(
                **action["context"]
            ).create({"start": start, "stop": start + timedelta(hours=1)})

        new = self._messages_of(book)
        self.assertEqual(len(new), 1, new.mapped("body"))
        self.assertIn("Consultation booked", new.body)

    def test_portal_steps_are_credited_to_the_family(self):
        family = self.env["res.partner"].create(
            {"name": "Maria Garcia", "email": "maria.garcia@example.com"}
        )
        self.lead.partner_id = family
        public = self.env.ref("base.public_user")
        self.lead.with_user(public).sudo()._message_log(body="Medical history completed.")
        self.assertEqual(self.lead.message_ids[0].author_id, family)
        self.lead.with_user(self.coordinator)._message_log(body="Called back.")
        self.assertEqual(self.lead.message_ids[0].author_id, self.coordinator.partner_id)

    def test_hours_to_first_contact_read_as_a_duration(self):
        arch = self.env["crm.lead"].get_view(self.env.ref("crm.crm_lead_view_form").id)["arch"]
        self.assertNotRegex(arch, r'name="clinic_hours_to_first_contact"[^>]*widget="float_time"')
        self.assertIn('name="clinic_hours_to_first_contact"', arch)
