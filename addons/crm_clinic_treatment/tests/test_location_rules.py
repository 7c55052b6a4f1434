# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_security")
class TestTreatmentLocations(LocationCommon):
    """Treatment plans and their phases are separated by location, as leads and patients
    are (issue 21, item 8; the demo's Northside coordinator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_main, cls.plan_north = cls.env["clinic.treatment.plan"].create(
            [
                {"name": "Braces", "patient_id": patient.id, "lead_id": lead.id}
                for patient, lead in (
                    (cls.patient_main, cls.lead_main),
                    (cls.patient_north, cls.lead_north),
                )
            ]
        )

    def test_plans_by_their_lead(self):
        self.assertSeparated(self.plan_main, self.plan_north)

    def test_plan_without_lead_by_its_patient(self):
        (self.plan_main | self.plan_north).lead_id = False
        self.assertSeparated(self.plan_main, self.plan_north)

    def test_phases_follow_their_plan(self):
        Phase = self.env["clinic.treatment.phase"]
        main, north = Phase.create(
            [
                {"plan_id": self.plan_main.id, "name": "Upper arch"},
                {"plan_id": self.plan_north.id, "name": "Upper arch"},
            ]
        )
        self.assertSeparated(main, north)
