# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralAudit(ReferralCommon):
    """Referrals and their letters are in the clinic audit trail, values redacted."""

    def test_referral_changes_are_audited_without_values(self):
        referral = self.env["clinic.referral"].create({"provider_id": self.dentist.id})
        Log = self.env["auditlog.log"]
        domain = [("model_model", "=", "clinic.referral"), ("res_id", "=", referral.id)]
        log = Log.search(domain + [("method", "=", "create")])
        self.assertTrue(log)
        self.assertEqual(log.name, f"clinic.referral,{referral.id}")
        for line in log.line_ids:
            self.assertFalse(line.new_value or line.new_value_text)
        rules = self.env["auditlog.rule"].search([("state", "=", "confirmed")])
        self.assertIn("clinic.referral.letter", rules.mapped("model_model"))
