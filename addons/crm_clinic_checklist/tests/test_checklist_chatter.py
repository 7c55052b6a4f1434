# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install")
class TestChecklistChatter(ClinicRolesCommon):
    """A checklist item ticked by an action is told in that action's message."""

    @classmethod
    def default_env_context(cls):
        return {}  # the chatter as staff see it: field changes are logged

    def _flush(self):
        self.env.flush_all()
        self.env.cr.flush()  # field changes are logged when the transaction ends

    def test_booking_a_consult_is_one_message_with_the_checklist_tick(self):
        lead = self.env["crm.lead"].create(
            {
                "clinic_lead_type": "patient",
                "clinic_first_name": "Leo",
                "clinic_last_name": "Park",
                "email_from": "ana.park@example.com",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
                "user_id": self.users["treatment_coordinator"].id,
            }
        )
        self._flush()
        before = lead.message_ids
        start = fields.Datetime.now() + timedelta(days=2)
        coordinator = self.users["treatment_coordinator"]
        action = lead.with_user(coordinator).action_clinic_schedule_consult()
        self.env["calendar.event"].with_user(coordinator).with_context(**action["context"]).create(
            {"start": start, "stop": start + timedelta(hours=1)}
        )
        self._flush()
        lead.invalidate_recordset(["message_ids"])
        new = lead.message_ids - before
        self.assertEqual(len(new), 1, new.mapped("body"))
        self.assertIn("Consultation booked", new.body)
        self.assertIn("Checklist: Consultation scheduled done", new.body)

    def test_a_tick_without_other_change_is_still_logged(self):
        lead = self.env["crm.lead"].create(
            {
                "clinic_lead_type": "patient",
                "clinic_first_name": "Ava",
                "clinic_last_name": "Ray",
                "type": "opportunity",
                "team_id": self.ortho_team.id,
            }
        )
        self._flush()
        line = lead.clinic_checklist_line_ids[:1]
        line._clinic_mark_done(note="by hand")
        self._flush()
        lead.invalidate_recordset(["message_ids"])
        self.assertIn(f"Checklist: {line.name} done", lead.message_ids[0].body)
