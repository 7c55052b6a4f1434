# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import ClinicRolesCommon

# The ABA and recruiting pipelines are tested by crm_clinic_therapy and crm_clinic_recruiting.
PIPELINE_STAGES = {
    "crm_team_clinic_ortho": [
        "Inquiry",
        "Consultation Scheduled",
        "New Patient Exam",
        "Treatment Presented",
        "Contract Signed",
        "Treatment Started",
    ],
}


@tagged("post_install", "-at_install", "clinic_leads")
class TestPipelines(ClinicRolesCommon):
    def _team_stages(self, team):
        """The columns of the team's kanban (crm's group_expand on the stage)."""
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id)
        return Lead._read_group_stage_ids(self.env["crm.stage"], [("team_id", "=", team.id)])

    def test_each_pipeline_shows_only_its_own_stages(self):
        for xmlid, names in PIPELINE_STAGES.items():
            team = self.env.ref(f"crm_ortho_onboarding.{xmlid}")
            self.assertEqual(self._team_stages(team).mapped("name"), names, xmlid)
            self.assertTrue(self._team_stages(team)[-1].is_won)

    def test_clinic_leads_menu_hides_ordinary_sales_leads(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_ortho_onboarding.crm_lead_action_clinic_leads"
        )
        sales_lead = self.env["crm.lead"].create(
            {
                "clinic_first_name": "Acme buyer",
                "team_id": self.env.ref("sales_team.team_sales_department").id,
            }
        )
        unassigned = self.env["crm.lead"].create({"clinic_first_name": "Walk-in"})
        domain = safe_eval(action["domain"])
        ids = (self.lead | sales_lead | unassigned).ids
        found = self.env["crm.lead"].search(domain + [("id", "in", ids)])
        self.assertEqual(found, self.lead | unassigned)

    def test_disqualification_reasons_are_shipped(self):
        reasons = self.env["crm.lost.reason"].search([]).mapped("name")
        for name in ("No insurance coverage", "Out of service area", "Spam", "Duplicate"):
            self.assertIn(name, reasons)

    def test_qualify_into_a_chosen_stage(self):
        exam = self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_exam")
        coordinator = self.users["treatment_coordinator"]
        action = self.lead.with_user(coordinator).action_clinic_qualify()
        wizard = Form(
            self.env[action["res_model"]].with_user(coordinator).with_context(**action["context"])
        )
        wizard.clinic_stage_id = exam
        wizard.save().action_apply()
        self.assertEqual(self.lead.type, "opportunity")
        self.assertEqual(self.lead.stage_id, exam)
        self.assertEqual(self.lead.clinic_first_name, "Mia", "qualifying keeps every field")

    def test_front_desk_qualifies(self):
        """Front Desk qualifies leads (lead:convert, specification)."""
        front_desk = self.users["front_desk"]
        action = self.lead.with_user(front_desk).action_clinic_qualify()
        wizard = Form(
            self.env[action["res_model"]].with_user(front_desk).with_context(**action["context"])
        )
        wizard.save().action_apply()
        self.assertEqual(self.lead.type, "opportunity")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_roles_without_lead_convert_cannot_qualify(self):
        for role in ("doctor", "clinical_staff", "billing", "read_only"):
            with self.subTest(role=role), self.assertRaisesRegex(AccessError, "lead:convert"):
                self.lead.with_user(self.users[role]).action_clinic_qualify()

    def test_disqualify_needs_a_reason(self):
        front_desk = self.users["front_desk"]
        action = self.lead.with_user(front_desk).action_clinic_disqualify()
        wizard = Form(
            self.env[action["res_model"]].with_user(front_desk).with_context(**action["context"])
        )
        with self.assertRaises(AssertionError):
            wizard.save()  # lost_reason_id is required on the form
        wizard.lost_reason_id = self.env.ref(
            "crm_ortho_onboarding.crm_lost_reason_clinic_out_of_area"
        )
        wizard.save().action_lost_reason_apply()
        self.assertFalse(self.lead.active)
        self.assertEqual(self.lead.won_status, "lost")
        self.assertEqual(self.lead.lost_reason_id.name, "Out of service area")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_merging_leads_needs_lead_assign(self):
        """Merging deletes leads: Front Desk converts leads but does not merge them."""
        twin = self.lead.copy({"clinic_first_name": "Mia"})
        leads = self.lead | twin
        with self.assertRaisesRegex(AccessError, "lead:assign"):
            leads.with_user(self.users["front_desk"]).merge_opportunity(auto_unlink=False)
        merged = leads.with_user(self.users["treatment_coordinator"]).merge_opportunity(
            auto_unlink=False
        )
        self.assertIn(merged, leads)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_clinic_admins_edit_stages_and_roles(self):
        stage = self.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry")
        role = self.env.ref("crm_ortho_onboarding.clinic_practitioner_role_bcba")
        for name in ("front_desk", "treatment_coordinator", "doctor", "read_only"):
            with self.subTest(role=name):
                with self.assertRaises(AccessError):
                    stage.with_user(self.users[name]).write({"name": "Renamed"})
                with self.assertRaises(AccessError):
                    role.with_user(self.users[name]).write({"name": "Renamed"})
        stage.with_user(self.users["clinic_admin"]).write({"name": "First Inquiry"})
        role.with_user(self.users["clinic_admin"]).write({"requires_npi": False})
        self.assertEqual(stage.name, "First Inquiry")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_patient_records_follow_the_role_matrix(self):
        patient = self.env["res.partner"].create({"name": "Kid", "clinic_is_patient": True})
        for name in ("read_only", "doctor", "clinical_staff", "billing"):
            with self.subTest(role=name):
                self.assertEqual(patient.with_user(self.users[name]).name, "Kid")
                with self.assertRaises(AccessError):
                    patient.with_user(self.users[name]).write({"name": "Changed"})
        for name in ("front_desk", "treatment_coordinator"):
            patient.with_user(self.users[name]).write({"phone": "+12127365000"})
            with self.assertRaises(AccessError):
                patient.with_user(self.users[name]).unlink()
        patient.with_user(self.users["clinic_admin"]).unlink()
        self.assertFalse(patient.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_guardian_links_follow_the_role_matrix(self):
        Partner = self.env["res.partner"]
        patient = Partner.create({"name": "Kid", "clinic_is_patient": True})
        parent = Partner.create({"name": "Parent"})
        Guardian = self.env["clinic.patient.guardian"]
        for name in ("read_only", "doctor", "billing"):
            with self.subTest(role=name), self.assertRaises(AccessError):
                Guardian.with_user(self.users[name]).create(
                    {"patient_id": patient.id, "guardian_id": parent.id}
                )
        link = Guardian.with_user(self.users["front_desk"]).create(
            {"patient_id": patient.id, "guardian_id": parent.id}
        )
        self.assertEqual(link.with_user(self.users["read_only"]).guardian_id, parent)
        with self.assertRaises(AccessError):
            link.with_user(self.users["front_desk"]).unlink()
        link.with_user(self.users["clinic_admin"]).unlink()
        self.assertFalse(link.exists())
