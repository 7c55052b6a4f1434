# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon
from odoo.addons.crm_ortho_onboarding.tests.view_common import shown_labels


@tagged("post_install", "-at_install", "clinic_leads")
class TestTherapyWords(ClinicRolesCommon):
    """On the ABA pipeline the person who works a lead is its Intake Specialist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.aba_team = cls.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        cls.aba_lead = cls.lead.copy({"team_id": cls.aba_team.id, "name": "ABA for Noah"})
        cls.aba_opportunity = cls.aba_lead.copy({"type": "opportunity", "team_id": cls.aba_team.id})

    def test_aba_form_says_intake_specialist(self):
        for record in (self.aba_lead, self.aba_opportunity):
            labels = shown_labels(record, "user_id", self.coordinator)
            self.assertIn("Intake Specialist", labels, record.type)
            self.assertNotIn("Coordinator", labels, record.type)
            self.assertNotIn("Salesperson", labels, record.type)
            self.assertIn("Location / Pipeline", shown_labels(record, "team_id", self.coordinator))

    def test_orthodontic_form_still_says_coordinator(self):
        labels = shown_labels(self.lead, "user_id", self.coordinator)
        self.assertIn("Coordinator", labels)
        self.assertNotIn("Intake Specialist", labels)

    def test_aba_pipeline_list_and_kanban_say_intake_specialist(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_clinic_therapy.crm_lead_action_clinic_aba_pipeline"
        )
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        for view_id, view_type in action["views"]:
            if view_type not in ("list", "kanban"):
                continue
            arch = etree.fromstring(
                Lead.get_views([(view_id, view_type)])["views"][view_type]["arch"]
            )
            user_field = arch.xpath("//field[@name='user_id'][@string]")
            self.assertEqual(user_field[0].get("string"), "Intake Specialist", view_type)

    def test_opportunity_menus_list_in_clinic_words(self):
        """All, Open, Completed and My Open opportunities: Coordinator, never Salesperson."""
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        for xmlid in (
            "crm_lead_action_clinic_opportunities_all",
            "crm_lead_action_clinic_open_patient",
            "crm_lead_action_clinic_open_practitioner",
            "crm_lead_action_clinic_completed_patient",
            "crm_lead_action_clinic_completed_practitioner",
            "crm_lead_action_clinic_my_open",
        ):
            action = self.env["ir.actions.actions"]._for_xml_id(f"crm_clinic_therapy.{xmlid}")
            list_view = next(view_id for view_id, kind in action["views"] if kind == "list")
            self.assertTrue(list_view, xmlid)
            arch = etree.fromstring(Lead.get_views([(list_view, "list")])["views"]["list"]["arch"])
            user_field = arch.xpath("//field[@name='user_id']")[0]
            self.assertEqual(user_field.get("string"), "Coordinator", xmlid)
            team_field = arch.xpath("//field[@name='team_id']")[0]
            self.assertEqual(team_field.get("string"), "Location / Pipeline", xmlid)
