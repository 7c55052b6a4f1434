# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .location_common import LocationCommon


@tagged("post_install", "-at_install", "clinic_security")
class TestLocationSeparation(LocationCommon):
    """Staff of one location see that location's leads and patients (demo: Northside)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian_main = cls.env["res.partner"].create({"name": "Mainoffice Guardian"})
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": cls.patient_main.id, "guardian_id": cls.guardian_main.id}
        )
        Lead = cls.env["crm.lead"]
        cls.lead_unrouted = Lead.create(
            {
                "name": "Unrouted inquiry",
                "clinic_first_name": "Unrouted",
                "team_id": False,
                "user_id": False,
            }
        )
        cls.ours = cls.lead_main | cls.lead_north | cls.lead_unrouted
        cls.people = cls.patient_main | cls.patient_north | cls.guardian_main

    def _visible_leads(self, user):
        return self.env["crm.lead"].with_user(user).search([("id", "in", self.ours.ids)])

    def _visible_people(self, user):
        return self.env["res.partner"].with_user(user).search([("id", "in", self.people.ids)])

    def test_northside_coordinator_sees_northside_only(self):
        self.assertEqual(
            self._visible_leads(self.north_coordinator), self.lead_north | self.lead_unrouted
        )
        self.assertEqual(self._visible_people(self.north_coordinator), self.patient_north)
        with self.assertRaises(AccessError):
            self.lead_main.with_user(self.north_coordinator).read(["name"])
        with self.assertRaises(AccessError):
            self.patient_main.with_user(self.north_coordinator).read(["name"])
        with self.assertRaises(AccessError):
            self.guardian_main.with_user(self.north_coordinator).read(["name"])
        # Not a way around it: a name search of the other location's patient finds nothing.
        found = self.env["res.partner"].with_user(self.north_coordinator).name_search("Mainoffice")
        self.assertFalse(found)

    def test_no_team_means_no_location(self):
        """A coordinator in no team has no location of their own: unrouted leads, patients
        without a lead and leads assigned to them only, not every location (issue 21)."""
        user = self.env["res.users"].create(
            {
                "name": "Unplaced coordinator",
                "login": "unplaced_coordinator",
                "group_ids": [
                    Command.link(
                        self.env.ref("crm_ortho_onboarding.group_clinic_treatment_coordinator").id
                    )
                ],
            }
        )
        self.assertFalse(user.crm_team_member_ids)
        self.assertEqual(self._visible_leads(user), self.lead_unrouted)
        self.assertFalse(self._visible_people(user))
        with self.assertRaises(AccessError):
            self.lead_north.with_user(user).read(["name"])
        walk_in = self.env["res.partner"].create(
            {"name": "Walkin Nolead", "clinic_is_patient": True}
        )
        self.assertEqual(
            self.env["res.partner"].with_user(user).search([("id", "=", walk_in.id)]), walk_in
        )
        self.lead_north.user_id = user
        self.assertEqual(self._visible_leads(user), self.lead_north | self.lead_unrouted)

    def test_team_membership_narrows_at_once(self):
        """A coordinator placed in a team sees its location from then on, and loses it
        when the membership ends (the rule cache is dropped)."""
        user = self.env["res.users"].create(
            {
                "name": "New Northside coordinator",
                "login": "new_north_coordinator",
                "group_ids": [
                    Command.link(
                        self.env.ref("crm_ortho_onboarding.group_clinic_treatment_coordinator").id
                    )
                ],
            }
        )
        self.assertEqual(self._visible_leads(user), self.lead_unrouted)
        member = self.env["crm.team.member"].create(
            {"crm_team_id": self.northside.id, "user_id": user.id}
        )
        self.assertEqual(self._visible_leads(user), self.lead_north | self.lead_unrouted)
        member.unlink()
        self.assertEqual(self._visible_leads(user), self.lead_unrouted)

    def test_demo_staff_without_a_team_hold_all_locations(self):
        """The demo's doctor, clinical, billing and read-only users work at every location."""
        for xmlid in ("doctor", "clinical", "billing", "readonly"):
            user = self.env.ref(f"crm_ortho_onboarding.user_demo_{xmlid}")
            self.assertFalse(user.crm_team_member_ids, xmlid)
            self.assertEqual(self._visible_leads(user), self.ours, xmlid)

    def test_main_office_coordinator_does_not_see_northside(self):
        visible = self._visible_leads(self.main_coordinator)
        self.assertIn(self.lead_main, visible)
        self.assertNotIn(self.lead_north, visible)
        self.assertEqual(
            self._visible_people(self.main_coordinator), self.patient_main | self.guardian_main
        )

    def test_a_lead_assigned_to_the_person_is_visible(self):
        self.lead_main.user_id = self.north_coordinator
        self.assertIn(self.lead_main, self._visible_leads(self.north_coordinator))
        self.assertIn(self.patient_main, self._visible_people(self.north_coordinator))

    def test_all_locations_group_and_admins_see_everything(self):
        self.assertEqual(self._visible_leads(self.clinic_admin), self.ours)
        self.assertEqual(self._visible_people(self.clinic_admin), self.people)
        self.assertTrue(
            self.clinic_admin.has_group("crm_ortho_onboarding.group_clinic_all_locations")
        )
        self.north_coordinator.group_ids = [
            Command.link(self.env.ref("crm_ortho_onboarding.group_clinic_all_locations").id)
        ]
        self.assertEqual(self._visible_leads(self.north_coordinator), self.ours)
        self.assertEqual(self._visible_people(self.north_coordinator), self.people)

    def test_other_location_lead_cannot_be_changed_or_created(self):
        with self.assertRaises(AccessError):
            self.lead_main.with_user(self.north_coordinator).write({"phone": "303-555-0100"})
        # (A lead the coordinator keeps for themself moves to their own team, Odoo's way.)
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.north_coordinator).create(
                {
                    "name": "Walk-in for main office",
                    "clinic_first_name": "Walkin",
                    "team_id": self.main_office.id,
                    "user_id": False,
                }
            )
