# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

ABA_STAGES = [
    "Prospect",
    "Application Pending",
    "Assessment Authorization",
    "Assessment",
    "Assessment Review",
    "Service Authorization",
    "Completed",
]

# One field per therapy tab of the lead form, found on that tab only.
THERAPY_TABS = {
    "Opportunity Info": "clinic_current_situation",
    "Conditions & Coverage": "clinic_condition_ids",
    "Application": "clinic_patient_application_status",
    "Files": "clinic_file_ids",
    "Authorizations": "clinic_authorization_step",
}


@tagged("post_install", "-at_install", "clinic_leads")
class TestAbaPipeline(ClinicRolesCommon):
    """Installing therapy adds the ABA pipeline, its menus and the therapy tabs, and
    the tabs show on ABA patients only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aba_team = cls.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        cls.coordinator = cls.users["treatment_coordinator"]

    def _kanban_stages(self, team):
        """The columns of the team's kanban (crm's group_expand on the stage)."""
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id)
        return Lead._read_group_stage_ids(self.env["crm.stage"], [("team_id", "=", team.id)])

    def _hidden_tabs(self, lead):
        """The therapy tabs the lead form hides from the treatment coordinator."""
        form = Form(lead.with_user(self.coordinator))
        return {
            tab for tab, field in THERAPY_TABS.items() if form._get_modifier(field, "invisible")
        }

    def test_aba_pipeline_shows_only_its_own_stages(self):
        stages = self._kanban_stages(self.aba_team)
        self.assertEqual(stages.mapped("name"), ABA_STAGES)
        self.assertTrue(stages[-1].is_won)

    def _qualify_into(self, stage):
        action = self.lead.with_user(self.coordinator).action_clinic_qualify()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        )
        wizard.clinic_stage_id = stage
        return wizard.save().action_apply()

    def test_qualify_into_a_chosen_stage(self):
        pending = self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_application_pending")
        self.lead.team_id = self.aba_team
        self.lead.clinic_application_sent_date = date(2026, 3, 2)
        self._qualify_into(pending)
        self.assertEqual(self.lead.type, "opportunity")
        self.assertEqual(self.lead.stage_id, pending)
        self.assertEqual(self.lead.clinic_first_name, "Mia", "qualifying keeps every field")

    def test_application_pending_needs_the_application_sent_date(self):
        """As in the Chorus flow: no Application Pending before the application was sent."""
        pending = self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_application_pending")
        self.assertTrue(pending.clinic_needs_application_sent)
        self.lead.team_id = self.aba_team
        with self.assertRaisesRegex(UserError, "date the application was sent"):
            self._qualify_into(pending)
        self.assertEqual(self.lead.type, "lead")
        # Qualifying into the first stage needs no date.
        self._qualify_into(self.env.ref("crm_clinic_therapy.crm_stage_clinic_aba_prospect"))
        self.assertEqual(self.lead.type, "opportunity")

    def test_pipelines_menu_shows_aba_and_authorizations(self):
        visible = self.env["ir.ui.menu"].with_user(self.coordinator)._visible_menu_ids()
        for xmlid in (
            "crm_clinic_therapy.menu_clinic_crm_pipeline_aba",
            "crm_clinic_therapy.menu_clinic_crm_authorizations",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(xmlid).id, visible)

    def test_aba_opportunity_shows_the_therapy_tabs(self):
        patient = self.env["res.partner"].create({"name": "Leo Grant", "clinic_is_patient": True})
        opportunity = self.env["crm.lead"].create(
            {
                "name": "ABA for Leo",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Grant",
                "type": "opportunity",
                "team_id": self.aba_team.id,
                "clinic_patient_id": patient.id,
            }
        )
        self.assertTrue(opportunity.clinic_is_aba)
        self.assertEqual(self._hidden_tabs(opportunity), set())

    def test_ortho_child_patient_form_shows_no_therapy_tab(self):
        self.lead.write({"type": "opportunity", "clinic_birthdate": date(2015, 3, 1)})
        self.assertTrue(self.lead.clinic_is_minor)
        self.assertFalse(self.lead.clinic_is_aba)
        self.assertEqual(self._hidden_tabs(self.lead), set(THERAPY_TABS))
        self.assertFalse(self.lead.clinic_authorization_ids)
