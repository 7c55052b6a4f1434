# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import audit_chain
from .res_users import ENFORCE_2FA_PARAM


class ResConfigSettings(models.TransientModel):
    """Security settings of the clinic: audit retention, idle sessions, enforced 2FA."""

    _inherit = "res.config.settings"

    clinic_audit_retention_days = fields.Integer(
        string="Keep Audit Trail (days)",
        config_parameter="crm_ortho_onboarding.audit_retention_days",
        default=audit_chain.MIN_RETENTION_DAYS,
        help="Audit rows older than this are deleted by a daily job (six years at least).",
    )
    clinic_session_idle_minutes = fields.Integer(
        string="Staff Idle Timeout (minutes)",
        default=lambda self: self._clinic_role_group().lock_timeout_inactivity,
        help="After this many minutes without activity a clinic user must confirm their "
        "identity again (with the second factor when 2FA is required). 0 disables it.",
    )
    clinic_enforce_2fa = fields.Boolean(
        string="Require Two-factor Authentication for Clinic Staff",
        help="Every user with a clinic role must confirm each new login with an authenticator "
        "app or, until one is set up, a code sent by e-mail.",
    )

    @api.constrains("clinic_audit_retention_days")
    def _check_clinic_audit_retention_days(self):
        for settings in self:
            if settings.clinic_audit_retention_days < audit_chain.MIN_RETENTION_DAYS:
                raise ValidationError(
                    self.env._(
                        "The audit trail must be kept at least %(days)s days (six years, HIPAA).",
                        days=audit_chain.MIN_RETENTION_DAYS,
                    )
                )

    @api.model
    def get_values(self):
        res = super().get_values()
        res["clinic_enforce_2fa"] = self.env["res.users"]._clinic_2fa_enforced()
        return res

    @api.model
    def _clinic_role_group(self):
        # Every clinic role implies Read Only, so Odoo's auth_timeout applies its
        # inactivity timeout (the shortest over a user's groups) to all of them.
        return self.env.ref("crm_ortho_onboarding.group_clinic_read_only")

    def set_values(self):
        res = super().set_values()
        # Stored as "True"/"False", not unset: no parameter means enforced (the default).
        self.env["ir.config_parameter"].sudo().set_param(
            ENFORCE_2FA_PARAM, str(bool(self.clinic_enforce_2fa))
        )
        group = self._clinic_role_group().sudo()
        values = {
            "lock_timeout_inactivity": max(self.clinic_session_idle_minutes, 0),
            "lock_timeout_inactivity_mfa": bool(self.clinic_enforce_2fa),
        }
        if any(group[key] != value for key, value in values.items()):
            group.write(values)
        return res
