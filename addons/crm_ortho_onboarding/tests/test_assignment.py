# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestCaptureAssignment(ClinicRolesCommon):
    """Web/API leads go at once to the next coordinator, fairly and within capacity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "Eastside", "clinic_pipeline_type": "ortho"})
        cls.coordinators = cls.env["res.users"]
        for name in ("amy", "ben", "cal"):
            cls.coordinators |= cls.users["treatment_coordinator"].copy(
                {"login": f"test_clinic_rr_{name}", "name": f"Coordinator {name}"}
            )
        cls.members = cls.env["crm.team.member"].create(
            [{"crm_team_id": cls.team.id, "user_id": user.id} for user in cls.coordinators]
        )

    def _capture(self, count, **extra):
        return (
            self.env["crm.lead"]
            .with_context(clinic_capture_channel="api")
            .create(
                [
                    {
                        "clinic_first_name": f"Kid {i}",
                        "clinic_last_name": "Web",
                        "email_from": f"family{i}@example.com",
                        "team_id": self.team.id,
                        **extra,
                    }
                    for i in range(count)
                ]
            )
        )

    def test_round_robin_is_fair(self):
        leads = self._capture(6)
        self.assertEqual(
            Counter(lead.user_id.login for lead in leads),
            {user.login: 2 for user in self.coordinators},
        )
        # Rotation order: nobody gets a second lead before everyone got one.
        self.assertEqual(len(set(leads[:3].mapped("user_id"))), 3)

    def test_paused_and_full_members_are_skipped(self):
        self.members[0].assignment_optout = True
        self.members[1].assignment_max = 1
        self._capture(1, user_id=self.coordinators[1].id)  # fills Ben's capacity
        self.env["crm.team.member"].invalidate_model(["lead_month_count"])
        leads = self._capture(3)
        self.assertEqual(set(leads.mapped("user_id")), {self.coordinators[2]})

    def test_member_domain_is_respected(self):
        self.members[0].assignment_domain = "[('clinic_lead_type', '=', 'practitioner')]"
        leads = self._capture(4)
        self.assertNotIn(self.coordinators[0], leads.mapped("user_id"))

    def test_no_member_available_leaves_the_lead_for_scheduled_assignment(self):
        self.members.write({"assignment_optout": True})
        leads = self._capture(2)
        self.assertFalse(leads.user_id)

    def test_staff_created_leads_are_not_auto_assigned(self):
        front_desk = self.users["front_desk"]
        lead = (
            self.env["crm.lead"]
            .with_user(front_desk)
            .create(
                {"clinic_first_name": "Walk", "clinic_last_name": "In", "team_id": self.team.id}
            )
        )
        self.assertEqual(lead.user_id, front_desk)  # Odoo's default: whoever took the call

    def test_assignment_is_tracked(self):
        self.assertTrue(self.env["crm.lead"]._fields["user_id"].tracking)
