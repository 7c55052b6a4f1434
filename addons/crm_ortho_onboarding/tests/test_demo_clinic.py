# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Domain
from odoo.tests import tagged
from odoo.tests.common import loaded_demo_data

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_demo")
class TestDemoLooksLikeAClinic(ClinicRolesCommon):
    """Demo data that looks like a clinic (issue 23, item 14; the company: test_demo_company)."""

    def setUp(self):
        super().setUp()
        if not loaded_demo_data(self.env):
            self.skipTest("needs the demo data")

    def test_odoos_sample_leads_are_off_the_clinic(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "crm"), ("model", "=", "crm.lead")]
        )
        self.assertTrue(data, "crm's demo leads are installed")
        samples = self.env["crm.lead"].with_context(active_test=False).browse(data.mapped("res_id"))
        samples = samples.exists()
        # Not on any clinic pipeline, not in the clinic's lists (leads without a pipeline),
        # not open under a Patient badge.
        self.assertFalse(samples.filtered("team_id.clinic_pipeline_type"))
        self.assertFalse(samples.filtered(lambda lead: not lead.team_id))
        self.assertFalse(samples.filtered("active"))
        clinic_leads = self.env["crm.lead"].search(
            Domain("team_id", "=", False) | Domain("team_id.clinic_pipeline_type", "!=", False)
        )
        for name in ("Office chairs", "Quote for 35 windows"):
            self.assertNotIn(name, clinic_leads.mapped("name"))

    def test_no_job_board_source_on_patient_leads(self):
        boards = self.env["utm.source"].search([("clinic_lead_type", "=", "practitioner")])
        self.assertIn(self.env.ref("utm.utm_source_monster"), boards)
        self.assertIn(self.env.ref("utm.utm_source_glassdoor"), boards)
        patient_leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(
                [
                    ("clinic_lead_type", "=", "patient"),
                    ("team_id.clinic_pipeline_type", "!=", False),
                ]
            )
        )
        self.assertTrue(patient_leads)
        self.assertFalse(patient_leads.filtered(lambda lead: lead.source_id in boards))
