# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestBestContactTime(ClinicRolesCommon):
    """Best time to call: from the tracked hours at which the family was reached."""

    def _tracked(self, records):
        # BaseCommon disables tracking; the feature reads real tracking values.
        return records.with_context(tracking_disable=False, mail_notrack=False)

    def test_hours_come_from_the_lead_then_from_its_source(self):
        source = self.env["utm.source"].create({"name": "Radio"})
        answered, other = self._tracked(self.env["crm.lead"]).create(
            [
                {
                    "clinic_first_name": name,
                    "clinic_last_name": "Test",
                    "source_id": source.id,
                    "email_from": f"{name.lower()}@example.com",
                }
                for name in ("Answered", "Other")
            ]
        )
        silent = self.env["crm.lead"].create(
            {"clinic_first_name": "Silent", "clinic_last_name": "Test"}
        )
        self.assertFalse(answered.clinic_best_contact_time)
        # Not reached (no response) does not count; "call later" does.
        answered.clinic_followup_status_id = self.env.ref(
            "crm_ortho_onboarding.clinic_followup_status_no_response"
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        answered.invalidate_recordset(["clinic_best_contact_time"])
        self.assertFalse(answered.clinic_best_contact_time)
        self._tracked(answered).write(
            {
                "clinic_followup_status_id": self.env.ref(
                    "crm_ortho_onboarding.clinic_followup_status_interested"
                ).id
            }
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.res_id", "=", answered.id),
                ("mail_message_id.model", "=", "crm.lead"),
            ]
        )
        self.assertTrue(tracking, "the status change was not tracked")
        hour = fields.Datetime.context_timestamp(answered, tracking[0].create_date).hour
        expected = f"{hour:02d}:00–{hour + 1:02d}:00"
        (answered | other | silent).invalidate_recordset(["clinic_best_contact_time"])
        self.assertEqual(answered.clinic_best_contact_time, expected)
        self.assertEqual(other.clinic_best_contact_time, f"Source: {expected}")
        self.assertFalse(silent.clinic_best_contact_time)
