# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestLeadUrgency(ClinicRolesCommon):
    """Urgency from the message's words or an urgent source, and by hand."""

    def _lead(self, **vals):
        return self.env["crm.lead"].create({"clinic_first_name": "Ivy", **vals})

    def test_a_calm_inquiry_is_normal(self):
        self.assertEqual(
            self._lead(description="<p>Interested in Invisalign</p>").clinic_urgency, "normal"
        )

    def test_words_in_the_message_make_it_urgent(self):
        lead = self._lead(description="<p>My son has a <b>Broken Bracket</b> since Sunday</p>")
        self.assertEqual(lead.clinic_urgency, "high")
        lead = self._lead(clinic_notes="Says it hurts when she eats")
        self.assertEqual(lead.clinic_urgency, "high")

    def test_an_urgent_source_makes_its_leads_urgent(self):
        source = self.env["utm.source"].create({"name": "Emergency line", "clinic_is_urgent": True})
        self.assertEqual(self._lead(source_id=source.id).clinic_urgency, "high")

    def test_admins_choose_the_words(self):
        self.env["res.config.settings"].create({"clinic_urgent_keywords": "jaw, swollen"}).execute()
        self.assertEqual(self._lead(description="<p>Swollen gums</p>").clinic_urgency, "high")
        self.assertEqual(self._lead(description="<p>Some pain</p>").clinic_urgency, "normal")

    def test_staff_can_set_urgency_by_hand(self):
        lead = self._lead(description="<p>Second opinion</p>")
        lead.with_user(self.users["front_desk"]).clinic_urgency = "low"
        lead.with_user(self.users["front_desk"]).phone = "+12127365000"
        self.assertEqual(lead.clinic_urgency, "low")
        urgent = self.env["crm.lead"].search(
            [("clinic_urgency", "=", "high"), ("id", "in", lead.ids)]
        )
        self.assertFalse(urgent)
