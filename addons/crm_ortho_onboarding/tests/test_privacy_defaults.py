# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "clinic_privacy")
class TestPrivacyDefaults(TransactionCase):
    """No lead data leaves the server through Odoo's IAP unless the clinic opts in.

    crm_iap_enrich is auto-installed with crm + sms (our dependencies), so it is
    always there to be switched off.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enrichment_cron = cls.env.ref("crm_iap_enrich.ir_cron_lead_enrichment")

    def test_lead_enrichment_is_manual_by_default(self):
        param = self.env["ir.config_parameter"].sudo().get_param("crm.iap.lead.enrich.setting")
        self.assertEqual(param, "manual")
        self.assertFalse(self.enrichment_cron.active)
        self.assertEqual(self.env["res.config.settings"].create({}).lead_enrich_auto, "manual")

    def test_new_leads_trigger_no_iap_call(self):
        with (
            patch("odoo.addons.iap.tools.iap_tools.iap_jsonrpc") as iap_call,
            patch.object(type(self.env["ir.cron"]), "_trigger", autospec=True) as trigger,
        ):
            self.env["crm.lead"].create(
                [
                    {"clinic_first_name": "Leo", "email_from": "parent@familymail.com"},
                    {"clinic_first_name": "Ana", "email_from": "adult@company-domain.com"},
                ]
            )
        woken = [call.args[0] for call in trigger.call_args_list]
        self.assertNotIn(self.enrichment_cron, woken, "lead creation woke IAP enrichment")
        iap_call.assert_not_called()

    def test_manual_enrich_button_is_refused_until_an_admin_opts_in(self):
        lead = self.env["crm.lead"].create(
            {"clinic_first_name": "Leo", "email_from": "parent@familymail.com"}
        )
        with (
            patch("odoo.addons.iap.tools.iap_tools.iap_jsonrpc") as iap_call,
            self.assertRaisesRegex(UserError, "Odoo's servers"),
        ):
            lead.iap_enrich()
        iap_call.assert_not_called()
