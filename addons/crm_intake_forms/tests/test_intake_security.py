# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import IntakeCommon

FULL_ROLES = ("front_desk", "treatment_coordinator", "clinic_admin", "super_admin")
SUBMISSION_ROLES = FULL_ROLES + ("doctor", "clinical_staff")


@tagged("post_install", "-at_install", "clinic_roles")
class TestIntakeSecurity(IntakeCommon):
    """Who may send forms and who may read what patients answered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._make_request(cls.medical, cls.adult)
        cls._answer(
            cls.request,
            {
                "is_minor": "No",
                "takes_medications": "No",
                "has_allergies": "Yes",
                "allergies": "Latex",
                "premedication": "No",
            },
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_only_intake_roles_send_forms(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                Request = self.env["clinic.intake.request"].with_user(user)
                self.assertEqual(Request.browse(self.request.id).state, "done")
                vals = {
                    "survey_id": self.insurance.id,
                    "patient_id": self.adult.id,
                    "recipient_id": self.adult.id,
                }
                if role in FULL_ROLES:
                    Request.create(vals).action_send()
                else:
                    with self.assertRaises(AccessError):
                        Request.create(vals)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_structured_answers_need_view_submissions(self):
        history = self.adult.clinic_medical_history_ids
        for role, user in self.users.items():
            with self.subTest(role=role):
                if role in SUBMISSION_ROLES:
                    self.assertEqual(history.with_user(user).allergies, "Latex")
                    self.assertTrue(self.adult.with_user(user).clinic_has_medical_alert)
                else:
                    with self.assertRaises(AccessError):
                        history.with_user(user).read(["allergies"])
                    with self.assertRaises(AccessError):
                        self.adult.with_user(user).read(["clinic_allergies"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_clinicians_cannot_change_medical_history(self):
        history = self.adult.clinic_medical_history_ids
        for role in ("doctor", "clinical_staff", "billing", "read_only"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                history.with_user(self.users[role]).allergies = "None"
        history.with_user(self.users["front_desk"]).notes = "Checked with the patient."

    def test_progress_on_partners_in_one_query_batch(self):
        patients = self.adult | self.minor
        patients.invalidate_recordset()
        with self.assertQueryCount(4):
            self.assertEqual(patients.mapped("clinic_intake_done"), [1, 0])
        more = patients | self.env["res.partner"].create(
            [{"name": f"Patient {n}", "clinic_is_patient": True} for n in range(5)]
        )
        more.invalidate_recordset()
        with self.assertQueryCount(4):
            more.mapped("clinic_intake_done")
