# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_leads")
class TestPatientTimeline(LocationCommon):
    """The timeline a patient shares with their leads and opportunities: Odoo's chatter
    (messages and activities) of all of them, newest first, as each role may read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.patient_north
        # A second opportunity of the same patient, at the main office, and a lost one.
        cls.lead_main_office, cls.lead_lost = cls.env["crm.lead"].create(
            [
                {
                    "name": "Second opinion",
                    "clinic_first_name": "Northside",
                    "team_id": cls.main_office.id,
                    "user_id": False,
                    "clinic_patient_id": cls.patient.id,
                },
                {
                    "name": "Whitening",
                    "clinic_first_name": "Northside",
                    "team_id": cls.northside.id,
                    "user_id": False,
                    "clinic_patient_id": cls.patient.id,
                },
            ]
        )
        cls.notes = {}
        for key, record in (
            ("patient", cls.patient),
            ("north", cls.lead_north),
            ("main", cls.lead_main_office),
            ("lost", cls.lead_lost),
        ):
            cls.notes[key] = record.message_post(
                body=f"Timeline note {key}", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        cls.lead_lost.action_set_lost()
        cls.call_north, cls.call_main = (
            lead.activity_schedule("mail.mail_activity_data_call", summary=f"Call {lead.name}")
            for lead in (cls.lead_north, cls.lead_main_office)
        )
        # Another patient's note is not on this timeline.
        cls.other_note = cls.patient_main.message_post(
            body="Timeline note other", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def _timeline(self, user):
        patient = self.patient.with_user(user)
        patient.invalidate_recordset()
        return patient.clinic_timeline_message_ids, patient.clinic_timeline_activity_ids

    def test_the_timeline_gathers_the_patient_and_all_their_leads_newest_first(self):
        messages, activities = self._timeline(self.clinic_admin)
        notes = messages.filtered(lambda m: "Timeline note" in (m.body or ""))
        self.assertEqual(
            notes.ids, [self.notes[key].id for key in ("lost", "main", "north", "patient")]
        )
        self.assertEqual(messages, messages.sorted(lambda m: (m.date, m.id), reverse=True))
        self.assertNotIn(self.other_note, messages)
        # (Each lead also has its Pending contact call from creation.)
        self.assertIn(self.call_north, activities)
        self.assertIn(self.call_main, activities)
        self.assertEqual(activities, activities.sorted(lambda a: (a.date_deadline, a.id)))
        # Each line says which record it happened on.
        self.assertEqual(
            notes.mapped("record_name"),
            ["Whitening", "Second opinion", "Northside inquiry", "Northside Patient"],
        )

    def test_each_opportunity_opens_its_patients_timeline(self):
        view = self.env.ref("crm_ortho_onboarding.res_partner_view_form_clinic_timeline")
        for lead in (self.lead_north, self.lead_main_office):
            action = lead.with_user(self.clinic_admin).action_clinic_timeline()
            self.assertEqual(
                (action["res_model"], action["res_id"]), ("res.partner", self.patient.id)
            )
            self.assertEqual(action["views"], [(view.id, "form")])
        unconverted = self.env["crm.lead"].create(
            {"clinic_first_name": "Nobody", "team_id": self.northside.id}
        )
        with self.assertRaisesRegex(UserError, "Convert this lead to a patient"):
            unconverted.action_clinic_timeline()

    def test_a_coordinator_sees_only_what_their_locations_may_read(self):
        """Nora works at Northside: the main office's opportunity of the same patient
        (its notes and its call) stays out of her timeline."""
        messages, activities = self._timeline(self.north_coordinator)
        self.assertIn(self.notes["patient"], messages)
        self.assertIn(self.notes["north"], messages)
        self.assertIn(self.notes["lost"], messages, "lost leads are part of the story")
        self.assertNotIn(self.notes["main"], messages)
        self.assertIn(self.call_north, activities)
        self.assertNotIn(self.call_main, activities)
        self.assertNotIn(self.lead_main_office.id, activities.mapped("res_id"))

    def test_the_timeline_page_reads_as_the_web_client_does(self):
        """The page's lists read for a coordinator (no access error on any shown field)."""
        spec = {
            "clinic_timeline_message_ids": {
                "fields": {
                    "date": {},
                    "author_id": {"fields": {"display_name": {}}},
                    "record_name": {},
                    "subtype_id": {"fields": {"display_name": {}}},
                    "mail_activity_type_id": {"fields": {"display_name": {}}},
                    "preview": {},
                }
            },
            "clinic_timeline_activity_ids": {
                "fields": {
                    "date_deadline": {},
                    "activity_type_id": {"fields": {"display_name": {}}},
                    "summary": {},
                    "res_name": {},
                    "user_id": {"fields": {"display_name": {}}},
                    "state": {},
                }
            },
        }
        [values] = self.patient.with_user(self.north_coordinator).web_read(spec)
        previews = [line["preview"] for line in values["clinic_timeline_message_ids"]]
        self.assertIn("Timeline note north", previews)
        self.assertNotIn("Timeline note main", previews)
        summaries = [line["summary"] for line in values["clinic_timeline_activity_ids"]]
        self.assertIn("Call Northside inquiry", summaries)
        self.assertNotIn("Call Second opinion", summaries)
