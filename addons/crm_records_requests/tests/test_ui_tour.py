# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "clinic_tour")
class TestRecordsRequestTour(HttpCase):
    """In Chromium: the request form as the front desk, clinical staff and a doctor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk = new_test_user(
            cls.env,
            login="tour_records_frontdesk",
            name="Tour Front Desk",
            groups="crm_ortho_onboarding.group_clinic_front_desk",
        )
        new_test_user(
            cls.env, login="tour_records_doctor", groups="crm_ortho_onboarding.group_clinic_doctor"
        )
        new_test_user(
            cls.env,
            login="tour_records_clinical_staff",
            groups="crm_ortho_onboarding.group_clinic_clinical_staff",
        )
        patient = cls.env["res.partner"].create({"name": "Tour Patient", "clinic_is_patient": True})
        cls.request = cls.env["clinic.records.request"].create(
            {"patient_id": patient.id, "requester_id": patient.id, "identity_method": "photo_id"}
        )

    def _url(self):
        return f"/odoo/action-crm_records_requests.clinic_records_request_action/{self.request.id}"

    def test_front_desk_verifies_staff_view_and_doctor_authorizes(self):
        self.start_tour(
            self._url(), "crm_records_requests_front_desk_verify", login="tour_records_frontdesk"
        )
        self.assertEqual(self.request.state, "verifying")
        self.assertEqual(self.request.identity_verified_by_id, self.front_desk)
        self.start_tour(
            self._url(), "crm_records_requests_view_only", login="tour_records_clinical_staff"
        )
        self.start_tour(
            self._url(), "crm_records_requests_doctor_authorize", login="tour_records_doctor"
        )
        self.assertEqual(self.request.state, "authorized")
