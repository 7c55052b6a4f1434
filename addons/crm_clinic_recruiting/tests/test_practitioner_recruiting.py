# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_cron import IrCron
from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon
from odoo.addons.crm_ortho_onboarding.tests.view_common import shown_fields


@tagged("post_install", "-at_install", "clinic_roles")
class TestPractitionerRecruiting(ClinicRolesCommon):
    """Qualifications, the Role Pending guard and the interview steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.recruiting = ref("crm_clinic_recruiting.crm_team_clinic_practitioner")
        cls.role_pending = ref("crm_clinic_recruiting.crm_stage_clinic_practitioner_role_pending")
        cls.completed = ref("crm_clinic_recruiting.crm_stage_clinic_practitioner_completed")
        cls.rbt = ref("crm_ortho_onboarding.clinic_practitioner_role_rbt")
        cls.practitioner = cls.env["crm.lead"].create(
            {
                "name": "RBT application – Sam Lee",
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Sam",
                "clinic_last_name": "Lee",
                "type": "opportunity",
                "team_id": cls.recruiting.id,
                "stage_id": cls.role_pending.id,
            }
        )
        cls.qualification = cls.env["clinic.practitioner.qualification"].create(
            {
                "lead_id": cls.practitioner.id,
                "role_id": cls.rbt.id,
                "number": "RBT-22-0101",
                "date_issue": date(2025, 1, 1),
                "date_expiry": date(2027, 1, 31),
            }
        )

    def test_role_pending_cannot_complete_without_a_qualification(self):
        with self.assertRaisesRegex(UserError, "select the qualification"):
            self.practitioner.stage_id = self.completed
        self.assertEqual(self.practitioner.stage_id, self.role_pending)
        with self.assertRaisesRegex(UserError, "select the qualification"):
            self.practitioner.action_set_won()

    def test_completing_with_a_qualification_wins_the_opportunity(self):
        self.practitioner.clinic_qualification_id = self.qualification
        self.practitioner.stage_id = self.completed
        self.assertEqual(self.practitioner.won_status, "won")

    def test_credential_cannot_expire_before_issue(self):
        with self.assertRaisesRegex(ValidationError, "expire before"):
            self.qualification.date_expiry = date(2024, 1, 1)

    def test_expiry_alert_once_when_the_credential_nears_its_end(self):
        def run(day):
            with freeze_time(day), patch.object(IrCron, "_commit_progress", lambda *a, **k: 1.0):
                self.env["clinic.practitioner.qualification"]._cron_clinic_qualification_alerts()

        run("2026-11-01")
        self.assertFalse(self.qualification.activity_ids)
        run("2027-01-05")
        self.assertEqual(self.qualification.activity_ids.summary, "Credential expiring")
        run("2027-01-06")
        self.assertEqual(len(self.qualification.activity_ids), 1)

    def test_candidate_review_step(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "BCBA applicant",
                "clinic_lead_type": "practitioner",
                "contact_name": "Dana Fox",
                "clinic_lead_stage": "interview_pending",
            }
        )
        lead.action_clinic_candidate_review()
        self.assertEqual(lead.clinic_lead_stage, "candidate_review")

    def _applicant(self, **vals):
        return self.env["crm.lead"].create(
            {
                "name": "RBT applicant",
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Sam",
                "clinic_last_name": "Reyes",
                "email_from": "sam.reyes@example.com",
                **vals,
            }
        )

    def test_interview_date_moves_prospect_to_interview_pending(self):
        lead = self._applicant()
        self.assertEqual(lead.clinic_lead_stage, "prospect")
        lead.clinic_interview_date = "2026-06-02 15:00:00"
        self.assertEqual(lead.clinic_lead_stage, "interview_pending")
        lead.clinic_interview_held = True
        self.assertEqual(lead.clinic_lead_stage, "candidate_review")
        booked = self._applicant(clinic_interview_date="2026-06-03 10:00:00")
        self.assertEqual(booked.clinic_lead_stage, "interview_pending")

    def test_application_steps_record_their_dates(self):
        lead = self._applicant()
        with freeze_time("2026-05-04"):
            lead.clinic_recruiting_application_state = "sent"
        self.assertEqual(lead.clinic_application_sent_date, date(2026, 5, 4))
        self.assertFalse(lead.clinic_application_review_date)
        with freeze_time("2026-05-06"):
            lead.clinic_recruiting_application_state = "pending_review"
        with freeze_time("2026-05-09"):
            lead.clinic_recruiting_application_state = "approved"
        self.assertEqual(lead.clinic_application_sent_date, date(2026, 5, 4))
        self.assertEqual(lead.clinic_application_review_date, date(2026, 5, 6))
        self.assertEqual(lead.clinic_application_approved_date, date(2026, 5, 9))

    def test_form_shows_birthdate_and_proposed_employment(self):
        front_desk = self.users["front_desk"]
        lead = self._applicant(clinic_birthdate="1994-02-11")
        self.assertTrue(shown_fields(lead, "clinic_birthdate", front_desk))
        self.assertEqual(shown_fields(lead, "clinic_proposed_pay_type", front_desk), 0)
        lead.write({"type": "opportunity", "clinic_proposed_pay_type": "hourly"})
        self.assertTrue(shown_fields(lead, "clinic_proposed_pay_type", front_desk))

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_roles_on_qualifications(self):
        writers = ("front_desk", "treatment_coordinator", "clinic_admin", "super_admin")
        for role, user in self.users.items():
            with self.subTest(role=role):
                if role not in writers:
                    # Recruiting data is for the people who hire (minimum necessary).
                    with self.assertRaises(AccessError):
                        self.qualification.with_user(user).read(["number"])
                    with self.assertRaises(AccessError):
                        self.practitioner.with_user(user).read(["clinic_interview_notes"])
                    continue
                self.assertTrue(self.qualification.with_user(user).read(["number"]))
                self.assertTrue(self.practitioner.with_user(user).read(["clinic_interview_notes"]))
                self.qualification.with_user(user).write({"number": f"RBT-{role}"})


@tagged("post_install", "-at_install", "clinic_leads")
class TestRecruitingPipeline(ClinicRolesCommon):
    """Installing recruiting adds the practitioner pipeline and its menus."""

    def test_recruiting_pipeline_shows_only_its_own_stages(self):
        team = self.env.ref("crm_clinic_recruiting.crm_team_clinic_practitioner")
        # The columns of the team's kanban (crm's group_expand on the stage).
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id)
        stages = Lead._read_group_stage_ids(self.env["crm.stage"], [("team_id", "=", team.id)])
        self.assertEqual(
            stages.mapped("name"), ["Prospect", "Application Pending", "Role Pending", "Completed"]
        )
        self.assertTrue(stages[-1].is_won)

    def test_recruiting_pipeline_defaults_to_practitioner_leads(self):
        team = self.env.ref("crm_clinic_recruiting.crm_team_clinic_practitioner")
        lead = (
            self.env["crm.lead"]
            .with_context(default_team_id=team.id)
            .create({"clinic_first_name": "Ravi", "clinic_last_name": "Shah"})
        )
        self.assertEqual(lead.clinic_lead_type, "practitioner")

    def test_pipelines_menu_shows_recruiting(self):
        """The recruiting menus are for the people who hire, and hidden from the rest."""
        menus = (
            "crm_clinic_recruiting.menu_clinic_crm_pipeline_recruiting",
            "crm_clinic_recruiting.menu_clinic_crm_qualifications",
        )
        for role, shown in (("treatment_coordinator", True), ("billing", False)):
            user = self.users[role]
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for xmlid in menus:
                with self.subTest(role=role, menu=xmlid):
                    self.assertEqual(self.env.ref(xmlid).id in visible, shown)
