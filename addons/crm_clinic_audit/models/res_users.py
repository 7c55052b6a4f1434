# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessDenied

ENFORCE_2FA_PARAM = "crm_ortho_onboarding.enforce_2fa"


class ResUsers(models.Model):
    """Enforced 2FA for clinic roles, API keys that die with the account, failed logins
    audited."""

    _inherit = "res.users"

    def _clinic_has_role(self):
        self.ensure_one()
        # Every clinic role implies Read Only. _has_group, not has_group: at login the
        # request's user is still the public one, which has_group refuses to answer.
        return self._has_group("crm_ortho_onboarding.group_clinic_read_only")

    @api.model
    def _clinic_2fa_enforced(self):
        """2FA is required of clinic roles unless an admin turned it off in the settings
        (the parameter then holds "False", or is empty); a database without the parameter
        enforces it."""
        # _get_param, not get_param: an empty value ("off") must not read as a missing one.
        value = self.env["ir.config_parameter"].sudo()._get_param(ENFORCE_2FA_PARAM)
        return value is None or value not in ("", "False", "0", "false")

    def _mfa_type(self):
        """Reuse auth_totp_mail's enforcement: without an authenticator app, a clinic user
        must confirm each new device with a code sent by e-mail ('totp_mail')."""
        mfa = super()._mfa_type()
        if mfa is not None:
            return mfa
        if self._clinic_2fa_enforced() and self._clinic_has_role():
            return "totp_mail"
        return mfa

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals and not vals["active"]:
            self._clinic_revoke_api_keys()
        return res

    def _clinic_revoke_api_keys(self):
        """A deactivated account keeps no way in: its Odoo API keys are deleted at once."""
        keys = self.env["res.users.apikeys"].sudo().search([("user_id", "in", self.ids)])
        keys._remove()
        # Trusted 2FA devices are API keys of their own model: forget them too.
        devices = self.env["auth_totp.device"].sudo().search([("user_id", "in", self.ids)])
        devices._remove()
        return len(keys) + len(devices)

    def _login(self, credential, user_agent_env):
        try:
            return super()._login(credential, user_agent_env)
        except AccessDenied:
            # Only the user id (if the login exists) is kept: a typed login may be PHI.
            login = credential.get("login")
            user = self.sudo().search(self._get_login_domain(login), limit=1) if login else None
            self.env["auditlog.log"]._clinic_log_event_autonomous(
                "res.users",
                user.ids if user else [],
                "login",
                "failed",
                name="login failed",
                user_id=user.id if user else None,
            )
            raise

    @api.model
    def _check_uid_passwd(self, uid, passwd):
        """Failed password or API-key checks of RPC calls are failed logins too."""
        try:
            return super()._check_uid_passwd(uid, passwd)
        except AccessDenied:
            self.env["auditlog.log"]._clinic_log_event_autonomous(
                "res.users", [uid], "login", "failed", name="rpc login failed", user_id=uid
            )
            raise
