# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "clinic_tour")
class TestIntakeBackendTour(HttpCase):
    """In Chromium: front desk sends the intake forms of a child to the guardian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env, login="tour_intake_desk", groups="crm_ortho_onboarding.group_clinic_front_desk"
        )
        cls.child = cls.env["res.partner"].create(
            {
                "name": "Tour Child",
                "clinic_is_patient": True,
                "clinic_birthdate": fields.Date.today() - relativedelta(years=12),
            }
        )
        cls.guardian = cls.env["res.partner"].create(
            {"name": "Tour Guardian", "email": "tour.guardian@example.com"}
        )
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": cls.child.id, "guardian_id": cls.guardian.id, "is_primary": True}
        )

    def test_front_desk_sends_forms_from_the_patient(self):
        self.start_tour(
            f"/odoo/res.partner/{self.child.id}",
            "crm_intake_forms_send_from_patient",
            login="tour_intake_desk",
        )
        requests = self.child.clinic_intake_request_ids
        self.assertTrue(requests)
        self.assertEqual(requests.recipient_id, self.guardian)
        self.assertEqual(set(requests.mapped("state")), {"sent"})
