# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakePackets(IntakeCommon):
    """Each pipeline proposes its own intake packet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aba_intake = cls.env.ref("crm_intake_forms.intake_template_aba_intake")
        cls.treatment_consent = cls.env.ref("crm_intake_forms.intake_template_treatment_consent")
        cls.child_lead = cls.env["crm.lead"].create(
            {
                "name": "Braces for Leo",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "clinic_patient_id": cls.minor.id,
            }
        )

    def _proposed(self, lead):
        action = lead.action_clinic_send_intake()
        return self.env["survey.survey"].browse(action["context"]["default_survey_ids"][0][2])

    def test_treatment_consent_ships_apart_from_the_general_consent(self):
        self.assertRecordValues(
            self.treatment_consent,
            [{"clinic_is_intake": True, "clinic_intake_category": "treatment_consent"}],
        )
        self.assertTrue(self.treatment_consent.clinic_is_consent)
        self.assertTrue(self.treatment_consent.clinic_consent_version)
        self.assertNotEqual(
            self.treatment_consent.clinic_consent_version,
            self.general_consent.clinic_consent_version,
        )
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "crm_intake_forms"),
                ("name", "=", "intake_template_treatment_consent"),
            ]
        )
        self.assertTrue(data.noupdate)

    def test_orthodontic_packet_leaves_out_the_aba_questionnaire(self):
        packet = self.ortho_team.clinic_intake_template_ids
        self.assertNotIn(self.aba_intake, packet)
        self.assertIn(self.treatment_consent, packet)
        self.assertIn(self.env.ref("crm_intake_forms.intake_template_dental_history"), packet)
        # Whatever the stage, an orthodontic child is never offered the ABA questionnaire.
        stages = self.env["crm.stage"].search([("team_ids", "in", self.ortho_team.ids)])
        self.assertTrue(stages)
        Send = self.env["clinic.intake.send"]
        for stage in stages:
            with self.subTest(stage=stage.name):
                proposed = Send._clinic_proposed_templates(stage, self.ortho_team, self.minor)
                self.assertTrue(proposed)
                self.assertLessEqual(proposed, packet)
                self.assertNotIn(self.aba_intake, proposed)
        # "Send intake forms" on the child's lead.
        proposed = self._proposed(self.child_lead)
        self.assertTrue(proposed)
        self.assertLessEqual(proposed, packet)
        self.assertNotIn(self.aba_intake, proposed)

    def test_the_send_wizard_proposes_the_pipelines_packet(self):
        team = self.env["crm.team"].create(
            {
                "name": "Second location",
                "clinic_pipeline_type": "ortho",
                "clinic_intake_template_ids": [Command.set((self.medical | self.insurance).ids)],
            }
        )
        Send = self.env["clinic.intake.send"]
        self.assertEqual(
            Send._clinic_proposed_templates(False, team, self.minor), self.medical | self.insurance
        )
        # Without a packet every form that suits the patient is offered.
        team.clinic_intake_template_ids = False
        proposed = Send._clinic_proposed_templates(False, team, self.minor)
        self.assertIn(self.aba_intake, proposed)
        self.assertIn(self.treatment_consent, proposed)

    def test_the_default_packet_is_set_once(self):
        team = self.env["crm.team"].create(
            {"name": "Third location", "clinic_pipeline_type": "ortho"}
        )
        Team = self.env["crm.team"]
        Team._clinic_set_default_intake_packet("ortho", ["medical_history", "hipaa"])
        self.assertEqual(
            team.clinic_intake_template_ids.mapped("clinic_intake_category"),
            ["medical_history", "hipaa"],
        )
        # A packet the clinic chose is left alone.
        self.assertGreater(len(self.ortho_team.clinic_intake_template_ids), 2)
        team.clinic_intake_template_ids = self.medical
        Team._clinic_set_default_intake_packet("ortho", ["hipaa"])
        self.assertEqual(team.clinic_intake_template_ids, self.medical)
