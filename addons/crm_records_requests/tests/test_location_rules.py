# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_security")
class TestRecordsLocations(LocationCommon):
    """Records requests are separated by location, as leads and patients are (issue 21,
    item 8; the demo's Northside coordinator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_main, cls.request_north = cls.env["clinic.records.request"].create(
            [
                {"patient_id": patient.id, "requester_id": patient.id, "lead_id": lead.id}
                for patient, lead in (
                    (cls.patient_main, cls.lead_main),
                    (cls.patient_north, cls.lead_north),
                )
            ]
        )

    def test_records_requests_by_their_lead(self):
        self.assertSeparated(self.request_main, self.request_north)

    def test_records_request_without_lead_by_its_patient(self):
        (self.request_main | self.request_north).lead_id = False
        self.assertSeparated(self.request_main, self.request_north)
