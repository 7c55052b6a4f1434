# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_intake_forms.tests.common import IntakeCommon


@tagged("post_install", "-at_install")
class TestAbaIntakePacket(IntakeCommon):
    """The ABA pipeline proposes the ABA questionnaire, and no orthodontic forms."""

    def test_aba_pipeline_proposes_the_aba_questionnaire(self):
        aba_team = self.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        packet = aba_team.clinic_intake_template_ids
        aba_intake = self.env.ref("crm_intake_forms.intake_template_aba_intake")
        self.assertIn(aba_intake, packet)
        self.assertIn(self.env.ref("crm_intake_forms.intake_template_treatment_consent"), packet)
        self.assertNotIn(self.env.ref("crm_intake_forms.intake_template_dental_history"), packet)
        self.assertNotIn(self.env.ref("crm_intake_forms.intake_template_photo_consent"), packet)
        lead = self.env["crm.lead"].create(
            {
                "name": "ABA for Leo",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "type": "opportunity",
                "team_id": aba_team.id,
                "clinic_patient_id": self.minor.id,
            }
        )
        self.assertIn(
            aba_intake,
            self.env["clinic.intake.send"]._clinic_proposed_templates(False, aba_team, self.minor),
        )
        Send = self.env["clinic.intake.send"]
        for stage in self.env["crm.stage"].search([("team_ids", "in", aba_team.ids)]):
            with self.subTest(stage=stage.name):
                proposed = Send._clinic_proposed_templates(stage, aba_team, self.minor)
                self.assertTrue(proposed)
                self.assertLessEqual(proposed, packet)
        # "Send intake forms" on the child's ABA lead.
        action = lead.action_clinic_send_intake()
        proposed = self.env["survey.survey"].browse(action["context"]["default_survey_ids"][0][2])
        self.assertTrue(proposed)
        self.assertLessEqual(proposed, packet)
