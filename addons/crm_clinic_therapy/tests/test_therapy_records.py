# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

CLINICAL_WRITERS = ("front_desk", "treatment_coordinator", "clinic_admin", "super_admin")
CLINICAL_READERS = CLINICAL_WRITERS + ("doctor", "clinical_staff", "billing")


@tagged("post_install", "-at_install", "clinic_roles")
class TestTherapyRecords(ClinicRolesCommon):
    """Conditions and coverages on the patient, edited from the ABA opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aba_team = cls.env.ref("crm_clinic_therapy.crm_team_clinic_aba")
        cls.patient = cls.env["res.partner"].create(
            {"name": "Leo Grant", "clinic_is_patient": True}
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "ABA for Leo",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Grant",
                "type": "opportunity",
                "team_id": cls.aba_team.id,
                "clinic_patient_id": cls.patient.id,
            }
        )

    def test_icd10_code_is_normalized(self):
        condition = self.env["clinic.patient.condition"].create(
            {"patient_id": self.patient.id, "code": " f840 ", "name": "Autism"}
        )
        self.assertEqual(condition.code, "F84.0")
        self.assertEqual(condition.display_name, "F84.0 – Autism")

    def test_bad_icd10_code_is_refused_with_an_example(self):
        for code in ("Autism", "U07.1", "F8", "F84.00000"):
            with self.subTest(code=code), self.assertRaisesRegex(ValidationError, "F84.0"):
                self.env["clinic.patient.condition"].create(
                    {"patient_id": self.patient.id, "code": code}
                )

    def test_condition_cannot_be_diagnosed_before_onset(self):
        with self.assertRaisesRegex(ValidationError, "before its onset"):
            self.env["clinic.patient.condition"].create(
                {
                    "patient_id": self.patient.id,
                    "code": "F84.0",
                    "date_onset": date(2025, 5, 1),
                    "date_diagnosed": date(2025, 1, 1),
                }
            )

    def test_coverage_dates_must_be_in_order(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.env["clinic.insurance.policy"].create(
                {
                    "patient_id": self.patient.id,
                    "carrier": "Aetna",
                    "date_effective": date(2026, 1, 1),
                    "date_termination": date(2025, 12, 31),
                }
            )

    def test_coverage_member_id_must_look_like_one(self):
        with self.assertRaisesRegex(ValidationError, "member ID"):
            self.env["clinic.insurance.policy"].create(
                {"patient_id": self.patient.id, "carrier": "Aetna", "member_ref": "W12@#!"}
            )

    def test_only_one_active_primary_coverage(self):
        Coverage = self.env["clinic.insurance.policy"]
        first = Coverage.create({"patient_id": self.patient.id, "carrier": "Aetna"})
        with (
            self.assertRaisesRegex(ValidationError, "already has an active primary"),
            self.env.cr.savepoint(),
        ):
            Coverage.create({"patient_id": self.patient.id, "carrier": "Cigna"})
        first.action_archive()
        second = Coverage.create({"patient_id": self.patient.id, "carrier": "Cigna"})
        self.assertTrue(second.is_current)

    def test_conditions_and_coverages_edited_from_the_opportunity_land_on_the_patient(self):
        self.opportunity.with_user(self.users["front_desk"]).write(
            {
                "clinic_condition_ids": [Command.create({"code": "F84.0", "name": "Autism"})],
                "clinic_coverage_ids": [
                    Command.create(
                        {"carrier": "Blue Cross", "member_ref": "XYZ123456", "priority": "primary"}
                    )
                ],
            }
        )
        self.assertEqual(self.patient.clinic_condition_ids.code, "F84.0")
        self.assertEqual(self.patient.clinic_coverage_ids.member_ref, "XYZ123456")

    def test_service_preferences_are_stored_on_the_patient(self):
        evening = self.env.ref("crm_clinic_therapy.clinic_service_time_evening")
        self.opportunity.write(
            {
                "clinic_service_time_ids": [Command.set(evening.ids)],
                "clinic_preferred_team_ids": [Command.set(self.aba_team.ids)],
            }
        )
        self.assertEqual(self.patient.clinic_service_time_ids, evening)
        self.assertEqual(self.patient.clinic_service_team_ids, self.aba_team)

    def test_opportunity_files_are_listed_on_the_patient(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "application.pdf", "res_model": "crm.lead", "res_id": self.opportunity.id}
        )
        self.opportunity.clinic_file_ids = [Command.link(attachment.id)]
        self.assertEqual(self.patient.clinic_lead_file_ids, attachment)

    def test_returning_patient_status_follows_existing_patient_flag(self):
        self.assertEqual(self.opportunity.clinic_patient_status, "new")
        self.opportunity.clinic_is_existing_patient = True
        self.assertEqual(self.opportunity.clinic_patient_status, "returning")

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_roles_on_conditions_and_coverages(self):
        condition = self.env["clinic.patient.condition"].create(
            {"patient_id": self.patient.id, "code": "F84.0"}
        )
        coverage = self.env["clinic.insurance.policy"].create(
            {"patient_id": self.patient.id, "carrier": "Aetna"}
        )
        for role, user in self.users.items():
            for record in (condition, coverage):
                with self.subTest(role=role, model=record._name):
                    if role in CLINICAL_READERS:
                        self.assertTrue(record.with_user(user).read(["patient_id"]))
                    else:
                        with self.assertRaises(AccessError):
                            record.with_user(user).read(["patient_id"])
                    if role in CLINICAL_WRITERS:
                        record.with_user(user).write({"active": True})
                    else:
                        with self.assertRaises(AccessError):
                            record.with_user(user).write({"active": True})
