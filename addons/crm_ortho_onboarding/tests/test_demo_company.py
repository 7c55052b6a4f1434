# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open


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
        with file_open("base/static/img/res_company_logo.png", "rb") as placeholder:
            self.assertNotEqual(company.logo, base64.b64encode(placeholder.read()))
