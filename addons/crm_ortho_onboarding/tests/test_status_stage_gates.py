# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
