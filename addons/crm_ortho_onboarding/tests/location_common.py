# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError

from odoo.addons.base.tests.common import BaseCommon

from .common import ALL_LOCATIONS


class LocationCommon(BaseCommon):
    """The demo's two orthodontic locations, a patient and an unassigned lead in each, and
    the helper that checks a feature addon's per-patient records are separated alike.

    Nora North (coordinator2) belongs to Northside only, Terry (coordinator) to the main
    office only; the clinic admin holds "All locations" (demo data).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.north_coordinator = ref("crm_ortho_onboarding.user_demo_coordinator2")
        cls.main_coordinator = ref("crm_ortho_onboarding.user_demo_coordinator")
        cls.clinic_admin = ref("crm_ortho_onboarding.user_demo_clinicadmin")
        cls.northside = ref("crm_ortho_onboarding.crm_team_demo_ortho_northside")
        cls.main_office = ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        Partner = cls.env["res.partner"]
        cls.patient_main = Partner.create(
            {"name": "Mainoffice Patient", "clinic_is_patient": True, "email": "m@example.com"}
        )
        cls.patient_north = Partner.create(
            {"name": "Northside Patient", "clinic_is_patient": True, "email": "n@example.com"}
        )
        Lead = cls.env["crm.lead"]
        cls.lead_main, cls.lead_north = Lead.create(
            [
                {
                    "name": f"{name} inquiry",
                    "clinic_first_name": name,
                    "team_id": team.id,
                    "user_id": False,
                    "clinic_patient_id": patient.id,
                }
                for name, team, patient in (
                    ("Mainoffice", cls.main_office, cls.patient_main),
                    ("Northside", cls.northside, cls.patient_north),
                )
            ]
        )

    def assertSeparated(self, main, north):
        """Each location's coordinator sees and reads only their location's record; the
        clinic admin and a coordinator given "All locations" see both."""
        both = main | north
        Model = self.env[both._name]

        def visible(user):
            return Model.with_user(user).search([("id", "in", both.ids)])

        self.assertEqual(visible(self.north_coordinator), north)
        self.assertEqual(visible(self.main_coordinator), main)
        self.assertEqual(visible(self.clinic_admin), both)
        north.with_user(self.north_coordinator).check_access("read")
        with self.assertRaises(AccessError):
            main.with_user(self.north_coordinator).check_access("read")
        with self.assertRaises(AccessError):
            main.with_user(self.north_coordinator).read(["display_name"])
        self.north_coordinator.group_ids = [Command.link(self.env.ref(ALL_LOCATIONS).id)]
        self.assertEqual(visible(self.north_coordinator), both)
        self.north_coordinator.group_ids = [Command.unlink(self.env.ref(ALL_LOCATIONS).id)]
        self.assertEqual(visible(self.north_coordinator), north)
