# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_checklist")
class TestOnboardingChecklist(ClinicRolesCommon):
    """The four-phase onboarding checklist on patient opportunities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_started = cls.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_started")
        cls.stage_inquiry = cls.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry")
        cls.patient = cls.env["res.partner"].create(
            {"name": "Mia Lopez", "clinic_is_patient": True, "email": "mia.lopez@example.com"}
        )

    def _opportunity(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Braces for Leo",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
                "stage_id": self.stage_inquiry.id,
                "user_id": self.users["treatment_coordinator"].id,
                **values,
            }
        )

    def _line(self, lead, event_code):
        return lead.clinic_checklist_line_ids.filtered(lambda line: line.event_code == event_code)

    def test_qualifying_a_patient_lead_copies_the_four_phases(self):
        self.assertFalse(self.lead.clinic_checklist_line_ids, "a lead is not onboarding yet")
        self.lead.write({"type": "opportunity", "team_id": self.ortho_team.id})
        lines = self.lead.clinic_checklist_line_ids
        self.assertEqual(len(lines), 20)
        per_phase = {
            phase: len(lines.filtered(lambda x, p=phase: x.phase == p))
            for phase in set(lines.mapped("phase"))
        }
        self.assertEqual(
            per_phase, {"pre_consult": 5, "consult_day": 5, "presentation": 5, "start": 5}
        )
        self.assertEqual(
            self.lead.clinic_checklist_template_id,
            self.env.ref("crm_clinic_checklist.clinic_checklist_template_ortho"),
        )
        # The lead already had its coordinator: that item is done from the start.
        self.assertTrue(self._line(self.lead, "lead_assigned").is_done)
        insurance = lines.filtered(lambda x: x.name == "Insurance verification initiated")
        self.assertEqual(
            insurance.date_due, fields.Date.context_today(self.lead) + timedelta(days=3)
        )
        self.assertEqual(
            insurance.group_id, self.env.ref("crm_ortho_onboarding.group_clinic_billing")
        )

    def test_only_the_current_phase_gets_activities(self):
        lead = self._opportunity()
        lines = lead.clinic_checklist_line_ids
        with_activity = lines.filtered("activity_id")
        self.assertEqual(set(with_activity.mapped("phase")), {"pre_consult"})
        self.assertEqual(len(with_activity), 4, "assignment is done and has no activity anyway")
        # No billing user in the pipeline: the coordinator gets the billing item.
        insurance = lines.filtered(lambda x: x.name == "Insurance verification initiated")
        self.assertEqual(insurance.activity_id.user_id, self.users["treatment_coordinator"])
        # Finishing the phase opens the next one's activities.
        (lines.filtered(lambda x: x.phase == "pre_consult"))._clinic_mark_done()
        self.assertFalse(with_activity.activity_id.filtered("active"), "done, kept as history")
        self.assertEqual(
            set(lines.filtered("activity_id").filtered(lambda x: not x.is_done).mapped("phase")),
            {"consult_day"},
        )

    def test_consult_booked_and_attended_tick_their_items(self):
        lead = self._opportunity()
        self.assertFalse(self._line(lead, "consult_scheduled").is_done)
        # Booked for earlier today: an outcome is recorded once the consult has begun.
        start = fields.Datetime.now() - timedelta(hours=2)
        event = self.env["calendar.event"].create(
            {
                "name": "Consultation",
                "clinic_is_consult": True,
                "opportunity_id": lead.id,
                "start": start,
                "stop": start + timedelta(hours=1),
            }
        )
        self.assertTrue(self._line(lead, "consult_scheduled").is_done)
        self.assertFalse(self._line(lead, "consult_attended").is_done)
        event.with_user(self.users["doctor"]).action_clinic_attended()
        exam = self._line(lead, "consult_attended")
        self.assertTrue(exam.is_done)
        self.assertEqual(exam.done_by_id, self.users["doctor"])
        self.assertIn("Doctor examination done", lead.message_ids[0].body)

    def test_patient_hook_ticks_the_patients_open_opportunities(self):
        lead = self._opportunity(clinic_patient_id=self.patient.id)
        other = self._opportunity(name="Someone else")
        ticked = self.patient._clinic_checklist_event("consent_signed")
        self.assertEqual(ticked.lead_id, lead)
        self.assertTrue(self._line(lead, "consent_signed").is_done)
        self.assertFalse(self._line(other, "consent_signed").is_done)
        self.assertFalse(self.patient._clinic_checklist_event("consent_signed"), "only once")

    def test_treatment_started_is_refused_while_required_items_are_open(self):
        lead = self._opportunity()
        with self.assertRaisesRegex(UserError, "Insurance verification initiated"):
            lead.with_user(self.users["treatment_coordinator"]).stage_id = self.stage_started
        lead.clinic_checklist_line_ids.filtered("is_required")._clinic_mark_done()
        lead.with_user(self.users["treatment_coordinator"]).stage_id = self.stage_started
        self.assertEqual(lead.stage_id, self.stage_started)

    def test_only_a_clinic_admin_can_override_and_it_is_recorded(self):
        lead = self._opportunity()
        with self.assertRaises(AccessError):
            lead.with_user(self.users["treatment_coordinator"]).action_clinic_checklist_override()
        with self.assertRaises(AccessError):
            lead.with_user(self.users["treatment_coordinator"]).clinic_checklist_override = True
        lead.with_user(self.users["clinic_admin"]).action_clinic_checklist_override()
        self.assertTrue(lead.clinic_checklist_override)
        self.assertIn("overridden by Test Clinic Admin", lead.message_ids[0].body)
        lead.with_user(self.users["treatment_coordinator"]).action_set_won()
        self.assertEqual(lead.stage_id, self.stage_started)

    def test_ticking_by_hand_closes_the_activity_and_updates_the_progress(self):
        lead = self._opportunity()
        self.assertEqual(lead.clinic_checklist_pre_consult, "1/5")
        self.assertEqual(lead.clinic_checklist_start, "0/5")
        self.assertEqual(lead.clinic_checklist_open_required, 16)
        insurance = lead.clinic_checklist_line_ids.filtered(
            lambda x: x.name == "Insurance verification initiated"
        )
        activity = insurance.activity_id
        insurance.with_user(self.users["billing"]).is_done = True
        self.assertTrue(insurance.is_done)
        self.assertEqual(insurance.done_by_id, self.users["billing"])
        self.assertFalse(activity.active, "marked done")
        self.assertEqual(activity.res_model, "clinic.checklist.line", "not among the lead's")
        self.assertEqual(lead.clinic_checklist_pre_consult, "2/5")
        self.assertEqual(lead.clinic_checklist_open_required, 15)
        self.assertIn("Insurance verification initiated done (by hand)", lead.message_ids[0].body)

    def test_other_leads_get_no_checklist(self):
        practitioner = self._opportunity(clinic_lead_type="practitioner")
        imported = self._opportunity(stage_id=self.stage_started.id)
        # Another clinic pipeline (ABA patients): the orthodontic checklist is not its own.
        aba_team = self.env["crm.team"].create(
            {
                "name": "ABA (checklist test)",
                "clinic_pipeline_type": "aba",
                "use_opportunities": True,
            }
        )
        aba = self._opportunity(team_id=aba_team.id)
        self.assertFalse((practitioner | imported | aba).clinic_checklist_line_ids)

    def test_event_hook_does_not_query_per_line(self):
        leads = self._opportunity() | self._opportunity(name="Two") | self._opportunity(name="3")
        leads.invalidate_recordset()
        with self.assertQueryCount(__system__=40):
            leads._clinic_checklist_event("records_received")
        self.assertTrue(all(self._line(lead, "records_received").is_done for lead in leads))

    def test_roles_on_checklist_items(self):
        lead = self._opportunity()
        line = lead.clinic_checklist_line_ids[-1]
        line.with_user(self.users["read_only"]).read(["name"])
        with self.assertRaises(AccessError):
            line.with_user(self.users["read_only"]).is_done = True
        with self.assertRaises(AccessError):
            line.with_user(self.users["doctor"]).unlink()
        with self.assertRaisesRegex(AccessError, "not change what they are"):
            line.with_user(self.users["billing"]).date_due = "2030-01-01"
        line.with_user(self.users["front_desk"]).date_due = "2030-01-01"
        line.with_user(self.users["front_desk"]).is_done = True
        self.assertTrue(line.is_done)
        template = self.env.ref("crm_clinic_checklist.clinic_checklist_template_ortho")
        template.with_user(self.users["front_desk"]).read(["name"])
        for role in ("front_desk", "treatment_coordinator", "doctor", "read_only"):
            with self.assertRaises(AccessError):
                template.with_user(self.users[role]).name = "Changed"
            with self.assertRaises(AccessError):
                self.env["clinic.checklist.template"].with_user(self.users[role]).create(
                    {"name": "Mine"}
                )
        template.with_user(self.users["clinic_admin"]).name = "Ortho onboarding"
