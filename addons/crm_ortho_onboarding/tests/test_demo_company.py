# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    """The demo clinic has a name, an address and a phone that families see on their
    pages and letters, not Odoo's "YourCompany"."""

    def test_demo_clinic_is_named(self):
        module = self.env["ir.module.module"].search([("name", "=", "crm_ortho_onboarding")])
        if not module.demo:
            self.skipTest("installed without demo data")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Aspen Smiles Orthodontics")
        self.assertNotIn("yourcompany", (company.email or "").lower())
        self.assertTrue(company.phone and company.street and company.state_id)
