# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_cron import IrCron
from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


def _run_alerts(env, day):
    """The cron at ``day``, without the commit a real cron does between batches."""
    with freeze_time(day), patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
        env["clinic.authorization"]._cron_clinic_authorization_alerts()


@tagged("post_install", "-at_install", "clinic_roles")
class TestAuthorizationWorkflow(ClinicRolesCommon):
    """The ABA opportunity follows its authorizations and is won only at the end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aba_team = cls.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        cls.patient = cls.env["res.partner"].create(
            {"name": "Ava Stone", "clinic_is_patient": True}
        )
        cls.coverage = cls.env["clinic.insurance.policy"].create(
            {"patient_id": cls.patient.id, "carrier": "Aetna", "member_ref": "W123456789"}
        )

    def _opportunity(self):
        return self.env["crm.lead"].create(
            {
                "name": "ABA for Ava",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Ava",
                "clinic_last_name": "Stone",
                "type": "opportunity",
                "team_id": self.aba_team.id,
                "clinic_patient_id": self.patient.id,
                "user_id": self.users["treatment_coordinator"].id,
            }
        )

    def _stage(self, name):
        return self.env.ref(f"crm_clinic_therapy.crm_stage_clinic_aba_{name}")

    def _approve(self, authorization, number="A-1", units=40):
        authorization.write(
            {
                "name": number,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 6, 30),
                "units_approved": units,
            }
        )
        authorization.action_approve()

    def test_saving_an_aba_opportunity_requests_the_assessment_authorization(self):
        lead = self._opportunity()
        authorization = lead.clinic_authorization_ids
        self.assertEqual(len(authorization), 1)
        self.assertRecordValues(
            authorization, [{"kind": "assessment", "state": "requested", "payer": "Aetna"}]
        )
        self.assertEqual(lead.clinic_authorization_step, "assessment_authorization")
        # The card enters Assessment Authorization once the family's application is approved.
        self.assertEqual(lead.stage_id, self._stage("prospect"))
        lead.clinic_patient_application_status = "approved"
        self.assertEqual(lead.stage_id, self._stage("assessment_authorization"))

    def test_cards_never_move_backwards(self):
        lead = self._opportunity()
        lead.stage_id = self._stage("assessment_review")
        self._approve(lead.clinic_authorization_ids)
        self.assertEqual(lead.clinic_authorization_step, "assessment")
        self.assertEqual(lead.stage_id, self._stage("assessment_review"))

    def _book_consult(self, lead):
        self.env["calendar.event"].create(
            {
                "name": "Consultation",
                "start": "2026-03-10 15:00:00",
                "stop": "2026-03-10 16:00:00",
                "clinic_is_consult": True,
                "opportunity_id": lead.id,
            }
        )

    def test_booking_a_consult_never_skips_the_assessment_authorization(self):
        scheduled = self.env.ref(
            "crm_ortho_onboarding.clinic_followup_status_appointment_scheduled"
        )
        lead = self._opportunity()
        self._book_consult(lead)
        self.assertEqual(lead.clinic_followup_status_id, scheduled)
        self.assertEqual(lead.stage_id, self._stage("prospect"))
        lead.clinic_patient_application_status = "approved"
        self.assertEqual(lead.stage_id, self._stage("assessment_authorization"))
        lead.clinic_followup_status_id = self.env.ref(
            "crm_ortho_onboarding.clinic_followup_status_interested"
        )
        lead.clinic_followup_status_id = scheduled
        self.assertEqual(lead.stage_id, self._stage("assessment_authorization"))
        self.assertEqual(
            lead._clinic_stage_blocked(self._stage("assessment")),
            "the assessment authorization is not approved",
        )
        # The payer's approval, not the booking, moves the card on.
        self._approve(lead.clinic_authorization_ids)
        self.assertEqual(lead.stage_id, self._stage("assessment"))

    def test_each_aba_stage_waits_for_its_step(self):
        lead = self._opportunity()
        gates = {
            "application_pending": "the date the application was sent is not entered",
            "assessment_authorization": "the family's intake application is not approved",
            "assessment": "the assessment authorization is not approved",
            "assessment_review": "the assessment authorization is not approved",
            "service_authorization": "the assessment authorization is not approved",
            "completed": "winning is decided on the opportunity",
        }
        for stage, reason in gates.items():
            with self.subTest(stage=stage):
                self.assertEqual(lead._clinic_stage_blocked(self._stage(stage)), reason)
        lead.clinic_patient_application_status = "approved"
        self._approve(lead.clinic_authorization_ids)
        self.assertFalse(lead._clinic_stage_blocked(self._stage("assessment")))
        self.assertEqual(
            lead._clinic_stage_blocked(self._stage("assessment_review")),
            "the assessment is not done",
        )
        lead.clinic_assessment_done = True
        self.assertFalse(lead._clinic_stage_blocked(self._stage("assessment_review")))
        self.assertEqual(
            lead._clinic_stage_blocked(self._stage("service_authorization")),
            "the service authorization is not requested yet",
        )

    def test_ortho_opportunity_gets_no_authorization(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Braces",
                "clinic_lead_type": "patient",
                "contact_name": "Ava Stone",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
            }
        )
        self.assertFalse(lead.clinic_authorization_ids)

    def test_stages_follow_the_workflow_and_win_only_when_finished(self):
        lead = self._opportunity()
        self._approve(lead.clinic_authorization_ids)
        self.assertEqual(lead.stage_id, self._stage("assessment"))
        lead.clinic_assessment_done = True
        self.assertEqual(lead.stage_id, self._stage("assessment_review"))
        with self.assertRaisesRegex(UserError, "recommended"):
            lead.action_clinic_request_service_authorization()
        lead.clinic_recommended_hours = 20
        self.assertEqual(lead.stage_id, self._stage("assessment_review"))
        lead.action_clinic_request_service_authorization()
        service = lead.clinic_authorization_ids.filtered(lambda a: a.kind == "service")
        self.assertEqual(service.recommended_hours, 20)
        self.assertEqual(lead.stage_id, self._stage("service_authorization"))
        self.assertEqual(lead.won_status, "pending")
        self._approve(service, number="S-1", units=480)
        self.assertEqual(lead.won_status, "won")
        self.assertEqual(lead.stage_id, self._stage("completed"))
        self.assertTrue(lead.clinic_waitlisted)

    def test_service_approved_before_assessment_done_does_not_win(self):
        lead = self._opportunity()
        self._approve(lead.clinic_authorization_ids)
        service = self.env["clinic.authorization"].create({"lead_id": lead.id, "kind": "service"})
        self._approve(service, number="S-2")
        self.assertEqual(lead.won_status, "pending")
        self.assertEqual(lead.stage_id, self._stage("assessment"))

    def test_approval_needs_number_dates_and_units(self):
        lead = self._opportunity()
        with self.assertRaisesRegex(UserError, "authorization number"):
            lead.clinic_authorization_ids.action_approve()
        self.assertEqual(lead.clinic_authorization_ids.state, "requested")

    def test_denial_raises_an_activity_for_the_intake_specialist(self):
        lead = self._opportunity()
        lead.clinic_authorization_ids.action_deny()
        activity = lead.activity_ids.filtered(lambda a: a.summary == "Authorization denied")
        self.assertEqual(activity.user_id, self.users["treatment_coordinator"])

    def test_cron_expires_lapsed_and_warns_before_the_end(self):
        lead = self._opportunity()
        lapsed = lead.clinic_authorization_ids
        self._approve(lapsed)
        service = self.env["clinic.authorization"].create(
            {
                "lead_id": lead.id,
                "kind": "service",
                "name": "S-3",
                "date_start": date(2026, 7, 1),
                "date_end": date(2026, 7, 20),
                "units_approved": 100,
                "units_used": 10,
            }
        )
        service.action_approve()
        far = self.env["clinic.authorization"].create(
            {
                "lead_id": lead.id,
                "kind": "service",
                "name": "S-4",
                "date_start": date(2026, 7, 1),
                "date_end": date(2026, 12, 31),
                "units_approved": 100,
                "units_used": 10,
            }
        )
        far.action_approve()
        _run_alerts(self.env, "2026-07-10")
        self.assertEqual(lapsed.state, "expired")
        self.assertTrue(lead.activity_ids.filtered(lambda a: a.summary == "Authorization expired"))
        self.assertEqual(service.activity_ids.summary, "Authorization running out")
        self.assertFalse(far.activity_ids)
        # Once raised, the alert is not repeated every day.
        _run_alerts(self.env, "2026-07-11")
        self.assertEqual(len(service.activity_ids), 1)

    def test_cron_warns_when_units_run_low(self):
        lead = self._opportunity()
        authorization = lead.clinic_authorization_ids
        authorization.write({"units_used": 35})
        self._approve(authorization, units=40)
        _run_alerts(self.env, "2026-02-01")
        self.assertIn("left", authorization.activity_ids.note)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_roles_on_authorizations(self):
        authorization = self._opportunity().clinic_authorization_ids
        writers = ("front_desk", "treatment_coordinator", "clinic_admin", "super_admin")
        for role, user in self.users.items():
            with self.subTest(role=role):
                if role == "read_only":
                    with self.assertRaises(AccessError):
                        authorization.with_user(user).read(["state"])
                else:
                    self.assertTrue(authorization.with_user(user).read(["state"]))
                if role in writers:
                    authorization.with_user(user).write({"note": role})
                else:
                    with self.assertRaises(AccessError):
                        authorization.with_user(user).write({"note": role})

    def test_authorization_buttons_refresh_the_lead_behind_the_dialog(self):
        """Approved from the lead (a dialog over its form): the lead's stage and step
        change too, so the screen reloads instead of only the dialog's record."""
        lead = self._opportunity()
        authorization = lead.clinic_authorization_ids
        authorization.write(
            {
                "name": "A-9",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 6, 30),
                "units_approved": 10,
            }
        )
        refresh = {"type": "ir.actions.client", "tag": "soft_reload"}
        self.assertEqual(authorization.action_approve(), refresh)
        self.assertEqual(authorization.action_expire(), refresh)
        self.assertEqual(authorization.action_reset_requested(), refresh)
        self.assertEqual(authorization.action_deny(), refresh)
