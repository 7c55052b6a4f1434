# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_security")
class TestIntakeLocations(LocationCommon):
    """Intake requests and their answers are separated by location, as leads and patients
    are (issue 21, item 8; the demo's Northside coordinator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        survey = cls.env.ref("crm_intake_forms.intake_template_medical_history")
        due = fields.Date.today() + relativedelta(days=7)
        cls.request_main, cls.request_north = cls.env["clinic.intake.request"].create(
            [
                {
                    "survey_id": survey.id,
                    "patient_id": patient.id,
                    "recipient_id": patient.id,
                    "lead_id": lead.id,
                    "date_due": due,
                }
                for patient, lead in (
                    (cls.patient_main, cls.lead_main),
                    (cls.patient_north, cls.lead_north),
                )
            ]
        )

    def test_intake_requests_by_their_lead(self):
        self.assertSeparated(self.request_main, self.request_north)

    def test_intake_request_without_lead_by_its_patient(self):
        (self.request_main | self.request_north).lead_id = False
        self.assertSeparated(self.request_main, self.request_north)

    def test_answers_follow_their_request(self):
        (self.request_main | self.request_north).action_send()
        main, north = self.request_main.user_input_id, self.request_north.user_input_id
        self.assertTrue(main and north)
        self.assertSeparated(main, north)

    def test_patient_records_by_patient(self):
        History = self.env["clinic.medical.history"]
        main, north = History.create(
            [{"patient_id": self.patient_main.id}, {"patient_id": self.patient_north.id}]
        )
        self.assertSeparated(main, north)
