# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "clinic_followup")
class TestStatusStageMoves(TransactionCase):
    """On every clinic pipeline of the whole clinic, a follow-up status moves a card
    forward in that pipeline's order only, and never into or past a gated stage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statuses = cls.env["clinic.followup.status"].search([])
        cls.pipelines = cls.env["crm.team"].search([("clinic_pipeline_type", "!=", False)])

    def _opportunity(self, team):
        first = self.env["crm.stage"].search([("team_ids", "in", team.id)], limit=1)
        practitioner = team.clinic_pipeline_type == "practitioner"
        return self.env["crm.lead"].create(
            {
                "name": f"Card of {team.name}",
                "clinic_first_name": "Robin",
                "clinic_last_name": "Gate",
                "clinic_lead_type": "practitioner" if practitioner else "patient",
                "type": "opportunity",
                "team_id": team.id,
                "stage_id": first.id,
            }
        )

    def test_every_status_on_every_clinic_pipeline_respects_order_and_gates(self):
        self.assertTrue(
            {"ortho", "aba", "practitioner"} <= set(self.pipelines.mapped("clinic_pipeline_type"))
        )
        for team in self.pipelines:
            stages = self.env["crm.stage"].search([("team_ids", "in", team.id)])
            for status in self.statuses:
                with self.subTest(pipeline=team.name, status=status.name):
                    lead = self._opportunity(team)
                    start = lead.stage_id
                    values = {"clinic_followup_status_id": status.id}
                    if status.requires_date:
                        values["clinic_followup_date"] = "2030-01-07 15:00:00"
                    lead.write(values)
                    if lead.stage_id == start:
                        continue
                    self.assertIn(status, lead.stage_id.clinic_followup_status_ids)
                    self.assertFalse(lead.stage_id.is_won)
                    passed = stages.filtered(
                        lambda s, lead=lead, start=start: (
                            start.sequence < s.sequence <= lead.stage_id.sequence
                        )
                    )
                    for stage in passed:
                        self.assertFalse(lead._clinic_stage_blocked(stage), stage.name)

    def test_booking_a_consult_leaves_an_aba_card_before_its_authorization(self):
        aba = self.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        lead = self._opportunity(aba)
        self.env["calendar.event"].create(
            {
                "name": "Consultation",
                "start": "2030-01-07 15:00:00",
                "stop": "2030-01-07 16:00:00",
                "clinic_is_consult": True,
                "opportunity_id": lead.id,
            }
        )
        self.assertEqual(
            lead.clinic_followup_status_id.code, "appointment_scheduled", "the booking counts"
        )
        self.assertEqual(
            lead.stage_id, self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_prospect")
        )

    def test_a_status_never_moves_a_card_into_a_stage_waiting_for_its_checklist(self):
        ortho = self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        presented = self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_presented")
        interested = self.env.ref("crm_ortho_onboarding.clinic_followup_status_interested")
        presented.write(
            {"clinic_checklist_required": True, "clinic_followup_status_ids": [(4, interested.id)]}
        )
        lead = self._opportunity(ortho)
        self.assertTrue(
            lead.clinic_checklist_line_ids.filtered(lambda line: line.is_required),
            "the opportunity has a checklist with required items",
        )
        lead.clinic_followup_status_id = interested
        self.assertEqual(lead.clinic_followup_status_id, interested, "the status is kept")
        self.assertNotEqual(lead.stage_id, presented)
        self.assertEqual(
            lead._clinic_stage_blocked(presented), "required onboarding items are open"
        )
