# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_cron import IrCron

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_roles")
class TestPractitionerRecruiting(ClinicRolesCommon):
    """Qualifications, the Role Pending guard, and capacity matching."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.recruiting = ref("crm_ortho_onboarding.crm_team_clinic_practitioner")
        cls.aba_team = ref("crm_ortho_onboarding.crm_team_clinic_aba")
        cls.ortho_team = ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        cls.role_pending = ref("crm_ortho_onboarding.crm_stage_clinic_practitioner_role_pending")
        cls.completed = ref("crm_ortho_onboarding.crm_stage_clinic_practitioner_completed")
        cls.rbt = ref("crm_ortho_onboarding.clinic_practitioner_role_rbt")
        cls.bcba = ref("crm_ortho_onboarding.clinic_practitioner_role_bcba")
        cls.evening = ref("crm_clinic_therapy.clinic_service_time_evening")
        cls.morning = ref("crm_clinic_therapy.clinic_service_time_morning")
        cls.spanish = ref("base.lang_es")
        cls.practitioner = cls.env["crm.lead"].create(
            {
                "name": "RBT application – Sam Lee",
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Sam",
                "clinic_last_name": "Lee",
                "type": "opportunity",
                "team_id": cls.recruiting.id,
                "stage_id": cls.role_pending.id,
                "clinic_preferred_team_ids": [Command.set(cls.aba_team.ids)],
                "clinic_service_time_ids": [Command.set(cls.evening.ids)],
                "clinic_language_ids": [Command.set(cls.spanish.ids)],
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

    def _patient(self, name, **values):
        return self.env["crm.lead"].create(
            {
                "name": name,
                "clinic_lead_type": "patient",
                "contact_name": name,
                "type": "opportunity",
                "team_id": self.ortho_team.id,
                "clinic_waitlisted": True,
                **values,
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

    def test_capacity_matching_on_location_time_language_and_credential(self):
        fits = self._patient(
            "Fits",
            clinic_preferred_team_ids=[Command.set(self.aba_team.ids)],
            clinic_service_time_ids=[Command.set(self.evening.ids)],
            clinic_language_ids=[Command.set(self.spanish.ids)],
            clinic_required_role_id=self.rbt.id,
        )
        asks_nothing = self._patient("Asks nothing")
        wrong_time = self._patient(
            "Mornings only", clinic_service_time_ids=[Command.set(self.morning.ids)]
        )
        needs_bcba = self._patient("Needs a BCBA", clinic_required_role_id=self.bcba.id)
        not_waiting = self._patient("Not waiting", clinic_waitlisted=False)
        matches = self.practitioner.clinic_capacity_match_ids
        self.assertIn(fits, matches)
        self.assertIn(asks_nothing, matches)
        self.assertFalse(matches & (wrong_time | needs_bcba | not_waiting))

        # Completing lists the matches for the intake team, and they see it the other way too.
        self.practitioner.clinic_qualification_id = self.qualification
        self.practitioner.stage_id = self.completed
        self.assertIn("Fits", self.practitioner.message_ids[0].body)
        self.assertIn(self.practitioner, fits.clinic_capacity_match_ids)
        self.assertNotIn(self.practitioner, needs_bcba.clinic_capacity_match_ids)
        self.assertNotIn(self.practitioner, wrong_time.clinic_capacity_match_ids)

    def test_expired_credential_does_not_count_for_matching(self):
        patient = self._patient("Needs RBT", clinic_required_role_id=self.rbt.id)
        self.assertIn(patient, self.practitioner.clinic_capacity_match_ids)
        with freeze_time("2027-03-01"):
            self.practitioner.invalidate_recordset(["clinic_capacity_match_ids"])
            self.qualification.invalidate_recordset(["expiry_state"])
            self.assertNotIn(patient, self.practitioner.clinic_capacity_match_ids)

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

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_roles_on_qualifications(self):
        writers = ("front_desk", "treatment_coordinator", "clinic_admin", "super_admin")
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.assertTrue(self.qualification.with_user(user).read(["number"]))
                if role in writers:
                    self.qualification.with_user(user).write({"number": f"RBT-{role}"})
                else:
                    with self.assertRaises(AccessError):
                        self.qualification.with_user(user).write({"number": "X"})
