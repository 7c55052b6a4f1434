# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_roles")
class TestCapacityMatching(ClinicRolesCommon):
    """Waitlisted patients and the practitioners who could serve them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.recruiting = ref("crm_clinic_recruiting.crm_team_clinic_practitioner")
        cls.aba_team = ref("crm_clinic_therapy.crm_team_clinic_aba")
        cls.role_pending = ref("crm_clinic_recruiting.crm_stage_clinic_practitioner_role_pending")
        cls.completed = ref("crm_clinic_recruiting.crm_stage_clinic_practitioner_completed")
        cls.rbt = ref("crm_ortho_onboarding.clinic_practitioner_role_rbt")
        cls.bcba = ref("crm_ortho_onboarding.clinic_practitioner_role_bcba")
        cls.evening = ref("crm_clinic_therapy.clinic_service_time_evening")
        cls.morning = ref("crm_clinic_therapy.clinic_service_time_morning")
        cls.spanish = ref("base.lang_es")
        cls.practitioner = cls.env["crm.lead"].create(
            {
                "name": "RBT application – Sam Lee",
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Sam",
                "clinic_last_name": "Lee",
                "type": "opportunity",
                "team_id": cls.recruiting.id,
                "stage_id": cls.role_pending.id,
                "clinic_preferred_team_ids": [Command.set(cls.aba_team.ids)],
                "clinic_service_time_ids": [Command.set(cls.evening.ids)],
                "clinic_language_ids": [Command.set(cls.spanish.ids)],
            }
        )
        cls.qualification = cls.env["clinic.practitioner.qualification"].create(
            {
                "lead_id": cls.practitioner.id,
                "role_id": cls.rbt.id,
                "number": "RBT-22-0101",
                "date_issue": date(2025, 1, 1),
                "date_expiry": date(2027, 1, 31),
            }
        )

    def _patient(self, name, **values):
        return self.env["crm.lead"].create(
            {
                "name": name,
                "clinic_lead_type": "patient",
                "contact_name": name,
                "type": "opportunity",
                "team_id": self.ortho_team.id,
                "clinic_waitlisted": True,
                **values,
            }
        )

    def test_capacity_matching_on_location_time_language_and_credential(self):
        fits = self._patient(
            "Fits",
            clinic_preferred_team_ids=[Command.set(self.aba_team.ids)],
            clinic_service_time_ids=[Command.set(self.evening.ids)],
            clinic_language_ids=[Command.set(self.spanish.ids)],
            clinic_required_role_id=self.rbt.id,
        )
        asks_nothing = self._patient("Asks nothing")
        wrong_time = self._patient(
            "Mornings only", clinic_service_time_ids=[Command.set(self.morning.ids)]
        )
        needs_bcba = self._patient("Needs a BCBA", clinic_required_role_id=self.bcba.id)
        not_waiting = self._patient("Not waiting", clinic_waitlisted=False)
        matches = self.practitioner.clinic_capacity_match_ids
        self.assertIn(fits, matches)
        self.assertIn(asks_nothing, matches)
        self.assertFalse(matches & (wrong_time | needs_bcba | not_waiting))

        # Completing lists the matches for the intake team, and they see it the other way too.
        self.practitioner.clinic_qualification_id = self.qualification
        self.practitioner.stage_id = self.completed
        self.assertIn("Fits", self.practitioner.message_ids[0].body)
        self.assertIn(self.practitioner, fits.clinic_capacity_match_ids)
        self.assertNotIn(self.practitioner, needs_bcba.clinic_capacity_match_ids)
        self.assertNotIn(self.practitioner, wrong_time.clinic_capacity_match_ids)

    def test_expired_credential_does_not_count_for_matching(self):
        patient = self._patient("Needs RBT", clinic_required_role_id=self.rbt.id)
        self.assertIn(patient, self.practitioner.clinic_capacity_match_ids)
        with freeze_time("2027-03-01"):
            self.practitioner.invalidate_recordset(["clinic_capacity_match_ids"])
            self.qualification.invalidate_recordset(["expiry_state"])
            self.assertNotIn(patient, self.practitioner.clinic_capacity_match_ids)

    def test_ortho_patient_not_waiting_has_no_capacity_matches(self):
        self.practitioner.clinic_qualification_id = self.qualification
        self.practitioner.stage_id = self.completed
        self.lead.write({"type": "opportunity", "clinic_birthdate": date(2015, 3, 1)})
        self.assertFalse(self.lead.clinic_waitlisted)
        self.assertFalse(self.lead.clinic_capacity_match_ids)
        form = Form(self.lead.with_user(self.users["treatment_coordinator"]))
        self.assertTrue(form._get_modifier("clinic_capacity_match_count", "invisible"))
        # Once waiting for a practitioner, the same patient sees who could serve them.
        self.lead.clinic_waitlisted = True
        self.lead.invalidate_recordset(["clinic_capacity_match_ids"])
        self.assertIn(self.practitioner, self.lead.clinic_capacity_match_ids)
