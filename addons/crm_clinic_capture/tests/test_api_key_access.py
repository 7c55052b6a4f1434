# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_capture")
class TestApiKeyAccess(ClinicRolesCommon):
    """Only clinic administrators manage keys and read the call log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "Site"})

    def test_clinic_admin_creates_generates_and_revokes_a_key(self):
        admin = self.users["clinic_admin"]
        key = (
            self.env["clinic.api.key"]
            .with_user(admin)
            .create({"name": "Site", "source_id": self.source.id})
        )
        action = key.action_generate_key()
        self.assertEqual(action["res_model"], "clinic.api.key.reveal")
        self.assertEqual(key.state, "active")
        # Done closes the dialog and reloads the key's form behind it: it shows the key
        # active, with its hint, without reloading the page.
        reveal = (
            self.env["clinic.api.key.reveal"]
            .with_user(admin)
            .with_context(**action["context"])
            .new({})
        )
        self.assertEqual(reveal.action_done(), {"type": "ir.actions.client", "tag": "soft_reload"})
        arch = self.env["clinic.api.key.reveal"].get_view(
            self.env.ref("crm_clinic_capture.clinic_api_key_reveal_view_form").id
        )["arch"]
        self.assertIn('name="action_done"', arch)
        self.assertNotIn('special="cancel"', arch)
        with self.assertRaises(AccessError):
            key.read(["key_hash"])
        key.action_revoke()
        self.assertEqual(key.state, "revoked")
        self.assertFalse(key.sudo().key_hash)
        with self.assertRaises(UserError):
            key.action_generate_key()
        self.env["clinic.capture.log"].with_user(admin).search([])

    def test_other_roles_cannot_see_keys_or_the_log(self):
        key = self.env["clinic.api.key"].create({"name": "Site", "source_id": self.source.id})
        for role in ("treatment_coordinator", "front_desk", "doctor", "billing", "read_only"):
            user = self.users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    key.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.env["clinic.api.key"].with_user(user).create(
                        {"name": "Mine", "source_id": self.source.id}
                    )
                with self.assertRaises(AccessError):
                    self.env["clinic.capture.log"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    key.with_user(user).action_generate_key()

    def test_the_log_cannot_be_edited_even_by_admins(self):
        log = self.env["clinic.capture.log"].create(
            {"channel": "api", "result": "created", "status_code": 201}
        )
        with self.assertRaises(AccessError):
            log.with_user(self.users["clinic_admin"]).write({"status_code": 200})
        with self.assertRaises(AccessError):
            log.with_user(self.users["super_admin"]).unlink()

    def test_allowed_origins_must_be_web_origins(self):
        key = self.env["clinic.api.key"].create({"name": "Site", "source_id": self.source.id})
        with self.assertRaises(ValidationError):
            key.allowed_origins = "www.example.com/path"
        key.allowed_origins = "https://www.example.com\n\nhttp://localhost:3000/"
        self.assertTrue(key._clinic_origin_allowed("http://localhost:3000"))
        self.assertFalse(key._clinic_origin_allowed("https://example.com"))

    def test_source_external_key_is_unique_and_resolves(self):
        self.source.clinic_external_key = "spring"
        self.assertEqual(self.env["utm.source"]._clinic_find_by_reference("spring"), self.source)
        self.assertEqual(
            self.env["utm.source"]._clinic_find_by_reference(str(self.source.id)), self.source
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["utm.source"].create({"name": "Other", "clinic_external_key": "spring"})
