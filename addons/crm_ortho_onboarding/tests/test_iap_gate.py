# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import MagicMock, patch

from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tests import tagged

from .common import ClinicRolesCommon

TRANSPORT = "odoo.addons.iap.tools.iap_tools.iap_jsonrpc"


@tagged("post_install", "-at_install", "clinic_privacy")
class TestIapGate(ClinicRolesCommon):
    """No name, e-mail or phone goes to Odoo's IAP while staff work patients and leads.

    partner_autocomplete and crm_iap_mine install themselves with the core's dependencies;
    the transport is patched to record any call, and Odoo's own "test mode" shortcut of
    partner autocomplete is lifted so that only the clinic's gate stands in the way.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A clinic that bought credits: accounts with tokens, so only the gate refuses.
        for service_name in ("partner_autocomplete", "reveal"):
            service = cls.env["iap.service"].search(
                [("technical_name", "=", service_name)], limit=1
            )
            cls.env["iap.account"].create(
                {"service_id": service.id, "account_token": f"token-{service_name}"}
            )
        cls.front_desk = cls.users["front_desk"]

    @contextmanager
    def _outbound_recorded(self):
        transport = MagicMock(return_value={})
        with (
            patch(TRANSPORT, transport),
            patch.object(odoo_module, "current_test", None),
        ):
            yield transport

    def _work_patients_and_leads(self):
        Partner = self.env["res.partner"].with_user(self.front_desk)
        Partner.name_search("Zelda Quartermaine")
        patient = Partner.create(
            {
                "name": "Zelda Quartermaine",
                "clinic_is_patient": True,
                "email": "zelda.q@familymail.example",
                "phone": "303-555-0142",
            }
        )
        patient.write({"phone": "303-555-0143"})
        # What the autocomplete widget calls while staff type a name, pick and save.
        Partner.autocomplete_by_name("Zelda Quartermaine", 0)
        Partner.enrich_by_duns("123456789")
        Partner.enrich_by_domain("familymail.example")
        Lead = self.env["crm.lead"].with_user(self.front_desk)
        lead = Lead.create(
            {
                "clinic_first_name": "Zelda",
                "clinic_last_name": "Quartermaine",
                "email_from": "zelda.q@quartermaine-family.example",
                "phone": "303-555-0142",
            }
        )
        lead.write({"phone": "303-555-0144"})
        Lead.name_search("Quartermaine")

    def test_staff_work_sends_nothing_to_iap(self):
        with self._outbound_recorded() as transport:
            self._work_patients_and_leads()
            # Lead enrichment (its cron and button) sends through this one request.
            with self.assertRaisesRegex(UserError, "Clinic privacy"):
                self.env["iap.enrich.api"]._request_enrich({1: "quartermaine-family.example"})
            # A new company is enriched from its e-mail domain outside tests.
            self.env["res.company"].create(
                {"name": "Quartermaine Family Trust", "email": "office@quartermaine-family.example"}
            )
            with self.assertRaisesRegex(UserError, "Clinic privacy"):
                self.env["crm.iap.lead.mining.request"]._iap_contact_mining({})
        transport.assert_not_called()

    def test_autocomplete_answers_nothing_and_says_why(self):
        with self._outbound_recorded() as transport:
            partners = self.env["res.partner"].with_user(self.front_desk)
            self.assertEqual(partners.autocomplete_by_name("Zelda Quartermaine", 0), [])
            enriched = partners.enrich_by_duns("123456789")
        self.assertTrue(enriched.get("error"))
        self.assertIn("Odoo's online services", enriched.get("error_message", ""))
        transport.assert_not_called()

    def test_admin_opt_in_lets_calls_through(self):
        """The harness catches a real call: once allowed, autocomplete reaches the transport."""
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.clinic_iap_allowed)
        settings.clinic_iap_allowed = True
        settings.execute()
        with self._outbound_recorded() as transport:
            self.env["res.partner"].autocomplete_by_name("Acme Orthodontic Supply", 0)
        transport.assert_called_once()
