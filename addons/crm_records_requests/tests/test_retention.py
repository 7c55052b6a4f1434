# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import freeze_time, tagged

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestDeclinedLeadRetention(RecordsCommon):
    def _declined_lead(self, name):
        lead = self.env["crm.lead"].create(
            {
                "name": name,
                "clinic_lead_type": "patient",
                "clinic_first_name": name,
                "clinic_last_name": "Person",
                "contact_name": f"{name} Person",
                "email_from": f"{name.lower()}@example.com",
                "phone": "+1 303-555-0199",
                "description": "Private story",
                "type": "lead",
            }
        )
        lead.message_post(body="Called about her jaw pain", subtype_xmlid="mail.mt_note")
        lead.action_set_lost()
        return lead

    def test_declined_leads_are_anonymised_after_the_retention_period(self):
        self.company.clinic_lead_retention_days = 90
        with freeze_time("2026-01-05"):
            old = self._declined_lead("Olga")
        with freeze_time("2026-03-20"):
            recent = self._declined_lead("Rita")
            kept = self.env["crm.lead"].create(
                {"name": "Open lead", "contact_name": "Ann", "clinic_first_name": "Ann"}
            )
        self.assertTrue(old.clinic_declined_date)
        with freeze_time("2026-04-10"):
            self.env["crm.lead"]._cron_clinic_purge_declined_leads()
        self.assertTrue(old.clinic_data_purged)
        self.assertFalse(old.contact_name or old.email_from or old.phone or old.description)
        self.assertEqual((old.clinic_first_name, old.clinic_last_name), ("Removed", False))
        self.assertNotIn("Olga", old.name)
        bodies = " ".join(old.with_context(active_test=False).message_ids.mapped("body"))
        self.assertNotIn("jaw pain", bodies)
        self.assertIn("retention policy", bodies)
        self.assertEqual(len(old.message_ids), 1)
        self.assertFalse(recent.clinic_data_purged)
        self.assertEqual(recent.contact_name, "Rita Person")
        self.assertEqual(kept.contact_name, "Ann")

    def test_no_retention_period_keeps_everything(self):
        self.company.clinic_lead_retention_days = 0
        with freeze_time("2025-01-05"):
            old = self._declined_lead("Olga")
        self.env["crm.lead"]._cron_clinic_purge_declined_leads()
        self.assertFalse(old.clinic_data_purged)
        self.assertEqual(old.contact_name, "Olga Person")
