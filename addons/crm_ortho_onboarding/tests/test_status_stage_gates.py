# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestStatusStageGates(ClinicRolesCommon):
    """A status moves a card on in its own pipeline's order, never past a gate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interested = cls.env.ref("crm_ortho_onboarding.clinic_followup_status_interested")
        cls.pipeline = cls.env["crm.team"].create(
            {"name": "Eastside", "clinic_pipeline_type": "ortho"}
        )
        # Two stages of the same sequence: the pipeline's order is (sequence, id).
        cls.first, cls.second, cls.third, cls.won = cls.env["crm.stage"].create(
            [
                {"name": "First", "sequence": 5, "team_ids": [(6, 0, cls.pipeline.ids)]},
                {"name": "Second", "sequence": 5, "team_ids": [(6, 0, cls.pipeline.ids)]},
                {"name": "Third", "sequence": 7, "team_ids": [(6, 0, cls.pipeline.ids)]},
                {
                    "name": "Started",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, cls.pipeline.ids)],
                },
            ]
        )

    def _opportunity(self, stage, team=None):
        return self.env["crm.lead"].create(
            {
                "clinic_first_name": "Ada",
                "type": "opportunity",
                "team_id": (team or self.pipeline).id,
                "stage_id": stage.id,
                "user_id": self.users["treatment_coordinator"].id,
            }
        )

    def test_a_status_moves_the_card_forward_in_its_pipeline_order(self):
        self.third.clinic_followup_status_ids = self.interested
        lead = self._opportunity(self.first)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.third)

    def test_a_status_never_moves_a_card_back_even_at_an_equal_sequence(self):
        self.first.clinic_followup_status_ids = self.interested
        lead = self._opportunity(self.second)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.second)

    def test_a_status_never_wins_a_card(self):
        self.won.clinic_followup_status_ids = self.interested
        lead = self._opportunity(self.first)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.first)
        self.assertEqual(lead.won_status, "pending")

    def test_a_status_never_moves_a_card_past_a_gated_stage(self):
        """A stage the card may not enter stops the move, even to a later stage."""
        self.third.clinic_followup_status_ids = self.interested
        lead = self._opportunity(self.first)
        blocked = self.second
        original = type(lead)._clinic_stage_blocked

        def gate(record, stage):
            return "gate" if stage == blocked else original(record, stage)

        self.patch(type(lead), "_clinic_stage_blocked", gate)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.first)
        self.assertEqual(lead.clinic_followup_status_id, self.interested, "the status is kept")

    def test_ortho_treatment_started_is_never_reached_by_a_status(self):
        started = self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_started")
        started.clinic_followup_status_ids |= self.interested
        inquiry = self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry")
        lead = self._opportunity(inquiry, team=self.ortho_team)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, inquiry)


@tagged("post_install", "-at_install", "clinic_followup")
class TestApplicationPendingGate(ClinicRolesCommon):
    """Application Pending needs the Application Sent date by every route: a kanban
    drag-drop (a write of the stage), a follow-up status, the lead's own stage bar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interested = cls.env.ref("crm_ortho_onboarding.clinic_followup_status_interested")
        cls.pipeline = cls.env["crm.team"].create(
            {"name": "Northside", "clinic_pipeline_type": "ortho"}
        )
        cls.prospect, cls.pending = cls.env["crm.stage"].create(
            [
                {"name": "Prospect", "sequence": 1, "team_ids": [(6, 0, cls.pipeline.ids)]},
                {
                    "name": "Application Pending",
                    "sequence": 2,
                    "clinic_needs_application_sent": True,
                    "team_ids": [(6, 0, cls.pipeline.ids)],
                },
            ]
        )
        cls.coordinator = cls.users["treatment_coordinator"]

    def _opportunity(self, **values):
        return self.env["crm.lead"].create(
            {
                "clinic_first_name": "Nora",
                "clinic_last_name": "Quinn",
                "type": "opportunity",
                "team_id": self.pipeline.id,
                "stage_id": self.prospect.id,
                "user_id": self.coordinator.id,
                **values,
            }
        )

    def test_drag_drop_into_application_pending_needs_the_date(self):
        lead = self._opportunity().with_user(self.coordinator)
        with self.assertRaisesRegex(ValidationError, "Application Sent"), self.env.cr.savepoint():
            lead.write({"stage_id": self.pending.id})
        lead.invalidate_recordset()
        self.assertEqual(lead.stage_id, self.prospect)
        lead.write({"clinic_application_sent_date": date(2026, 3, 2)})
        lead.write({"stage_id": self.pending.id})
        self.assertEqual(lead.stage_id, self.pending)
        # The card in Application Pending keeps its date.
        with (
            self.assertRaisesRegex(ValidationError, "before the application is sent"),
            self.env.cr.savepoint(),
        ):
            lead.write({"clinic_application_sent_date": False})

    def test_creating_a_card_in_application_pending_needs_the_date(self):
        with (
            self.assertRaisesRegex(ValidationError, "Application Pending"),
            self.env.cr.savepoint(),
        ):
            self._opportunity(stage_id=self.pending.id)
        lead = self._opportunity(
            stage_id=self.pending.id, clinic_application_sent_date=date(2026, 3, 2)
        )
        self.assertEqual(lead.stage_id, self.pending)

    def test_practitioners_are_not_held_by_the_patient_gate(self):
        lead = self._opportunity(clinic_lead_type="practitioner")
        lead.stage_id = self.pending
        self.assertEqual(lead.stage_id, self.pending)

    def test_a_status_leaves_the_card_out_of_application_pending_without_the_date(self):
        self.pending.clinic_followup_status_ids = self.interested
        lead = self._opportunity()
        self.assertEqual(
            lead._clinic_stage_blocked(self.pending),
            "the date the application was sent is not entered",
        )
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.prospect)
        lead.clinic_application_sent_date = date(2026, 3, 2)
        lead.clinic_followup_status_id = self.interested
        self.assertEqual(lead.stage_id, self.pending)

    def test_a_patient_lead_marked_application_pending_needs_the_date(self):
        lead = self.env["crm.lead"].create(
            {"clinic_first_name": "Nora", "type": "lead", "team_id": self.pipeline.id}
        )
        with (
            self.assertRaisesRegex(ValidationError, "Application Pending"),
            self.env.cr.savepoint(),
        ):
            lead.clinic_lead_stage = "application_pending"
        lead.write(
            {
                "clinic_lead_stage": "application_pending",
                "clinic_application_sent_date": date(2026, 3, 2),
            }
        )
        self.assertEqual(lead.clinic_lead_stage, "application_pending")
