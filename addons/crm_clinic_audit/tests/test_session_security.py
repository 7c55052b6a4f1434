# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import time
from xmlrpc.client import Fault

import odoo
from odoo.exceptions import UserError
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_ortho_onboarding.tests.common import ALL_LOCATIONS, CLINIC_ROLES


@tagged("post_install", "-at_install")
class TestSessionSecurity(HttpCase):
    """Idle staff sessions end; downloads are audited with IP and user agent; 2FA can be
    enforced for clinic roles; a deactivated user's API keys stop working at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env,
            login="sec_coordinator",
            password="sec_coordinator_pw",
            # In no team: every location (this is about sessions, not locations).
            groups=f"{CLINIC_ROLES['treatment_coordinator']},{ALL_LOCATIONS}",
        )
        cls.plain_user = new_test_user(cls.env, login="sec_plain", groups="base.group_user")

    def _idle_session(self):
        # What auth_timeout's web client reports after inactivity: the next identity check
        # is due now.
        self.session["identity-check-next"] = time.time() - 1
        odoo.http.root.session_store.save(self.session)

    def test_idle_staff_session_must_confirm_identity(self):
        self.assertEqual(self.coordinator._get_lock_timeout_inactivity(), 30 * 60)
        self.authenticate("sec_coordinator", "sec_coordinator_pw")
        self.assertEqual(self.url_open("/my/home", allow_redirects=False).status_code, 200)
        self._idle_session()
        response = self.url_open("/my/home", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/auth-timeout/check-identity", response.headers["Location"])

    def test_users_without_clinic_role_are_not_timed_out_by_it(self):
        self.assertFalse(self.plain_user._get_lock_timeout_inactivity())
        self.authenticate("sec_plain", "sec_plain")
        self._idle_session()
        self.assertEqual(self.url_open("/my/home", allow_redirects=False).status_code, 200)

    def test_settings_change_idle_time_and_second_factor(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.clinic_session_idle_minutes, 30)
        settings.clinic_session_idle_minutes = 10
        settings.clinic_enforce_2fa = True
        settings.execute()
        group = self.env.ref("crm_ortho_onboarding.group_clinic_read_only")
        self.assertEqual(group.lock_timeout_inactivity, 10)
        self.assertTrue(group.lock_timeout_inactivity_mfa)
        self.assertEqual(
            self.coordinator._get_lock_timeouts()["lock_timeout_inactivity"], [(600, True)]
        )

    def test_download_is_audited_with_ip_and_user_agent(self):
        lead = self.env["crm.lead"].create(
            {"name": "Download lead", "clinic_first_name": "Dora", "type": "lead"}
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "xray.txt",
                "datas": base64.b64encode(b"image"),
                "res_model": "crm.lead",
                "res_id": lead.id,
            }
        )
        self.authenticate("sec_coordinator", "sec_coordinator_pw")
        response = self.url_open(
            f"/web/content/{attachment.id}", headers={"User-Agent": "ClinicAuditTest/1.0"}
        )
        self.assertEqual(response.status_code, 200)
        log = self.env["auditlog.log"].search(
            [
                ("model_model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("method", "=", "download"),
            ]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.coordinator)
        self.assertEqual(log.name, f"ir.attachment,{attachment.id}")
        self.assertEqual(log.clinic_user_agent, "ClinicAuditTest/1.0")
        self.assertEqual(log.clinic_ip_address, "127.0.0.1")

    def test_two_factor_enforced_for_clinic_roles_only(self):
        self.env["ir.config_parameter"].set_param("crm_ortho_onboarding.enforce_2fa", "True")
        self.assertEqual(self.coordinator._mfa_type(), "totp_mail")
        self.assertEqual(self.coordinator._mfa_url(), "/web/login/totp")
        self.assertIsNone(self.plain_user._mfa_type())

    def test_two_factor_is_enforced_by_default_and_switched_in_settings(self):
        Param = self.env["ir.config_parameter"]
        # A clinic's database (no demo data) has no parameter: 2FA is required.
        Param.set_param("crm_ortho_onboarding.enforce_2fa", False)
        self.assertEqual(self.coordinator._mfa_type(), "totp_mail")
        self.assertTrue(self.env["res.config.settings"].create({}).clinic_enforce_2fa)
        settings = self.env["res.config.settings"].create({"clinic_enforce_2fa": False})
        settings.execute()
        self.assertEqual(Param.get_param("crm_ortho_onboarding.enforce_2fa"), "False")
        self.assertIsNone(self.coordinator._mfa_type())
        self.assertFalse(self.env["res.config.settings"].create({}).clinic_enforce_2fa)
        # The switch is audited.
        self.assertTrue(
            self.env["auditlog.log"].search(
                [("method", "=", "config"), ("name", "ilike", "enforce_2fa")]
            )
        )

    def test_password_policy_is_installed_and_refuses_short_passwords(self):
        policy = self.env["ir.module.module"]._get("auth_password_policy")
        self.assertEqual(policy.state, "installed")
        minimum = self.env["res.users"].get_password_policy()["minlength"]
        self.assertGreaterEqual(minimum, 8)
        with self.assertRaises(UserError):
            self.coordinator.password = "short"

    def test_enforced_two_factor_refuses_password_rpc_for_clinic_staff(self):
        self.env["ir.config_parameter"].set_param("crm_ortho_onboarding.enforce_2fa", "True")
        db = get_db_name()
        with self.assertRaisesRegex(Fault, "Access Denied"), mute_logger("odoo.http"):
            self.xmlrpc_object.execute_kw(
                db,
                self.coordinator.id,
                "sec_coordinator_pw",
                "res.users",
                "read",
                [self.coordinator.id, ["login"]],
            )
        # Users without a clinic role are not affected by the clinic setting.
        [result] = self.xmlrpc_object.execute_kw(
            db,
            self.plain_user.id,
            "sec_plain",
            "res.users",
            "read",
            [self.plain_user.id, ["login"]],
        )
        self.assertEqual(result["login"], "sec_plain")

    def test_deactivated_user_loses_api_keys_at_once(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.coordinator)
            .sudo()
            ._generate("rpc", "integration", None)
        )
        Keys = self.env["res.users.apikeys"]
        self.assertEqual(Keys._check_credentials(scope="rpc", key=key), self.coordinator.id)
        self.coordinator.action_archive()
        self.assertFalse(Keys.sudo().search([("user_id", "=", self.coordinator.id)]))
        self.assertFalse(Keys._check_credentials(scope="rpc", key=key))
