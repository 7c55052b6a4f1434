# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError

from .. import audit_chain
from .auditlog_log import RETENTION_PARAM
from .res_users import ENFORCE_2FA_PARAM

# Parameters that decide what the audit trail keeps and who gets in: changing them is
# itself an audit event (their values are settings, never PHI).
AUDITED_PARAMS = (
    RETENTION_PARAM,
    ENFORCE_2FA_PARAM,
    "auth_password_policy.minlength",
    "auth_totp.policy",
)


class IrConfigParameter(models.Model):
    """Audit-relevant system parameters: audited on change; the retention has a floor."""

    _inherit = "ir.config_parameter"

    @api.model
    def _clinic_check_retention(self, key, value):
        if key != RETENTION_PARAM or value in (False, None, ""):
            return
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = 0
        if days < audit_chain.MIN_RETENTION_DAYS:
            raise ValidationError(
                self.env._(
                    "The audit trail must be kept at least %(days)s days (six years, HIPAA).",
                    days=audit_chain.MIN_RETENTION_DAYS,
                )
            )

    def _clinic_log_change(self, old_values):
        for param in self:
            if param.key not in AUDITED_PARAMS:
                continue
            old = old_values.get(param.id)
            if old == param.value:
                continue
            self.env["auditlog.log"]._clinic_log_event(
                "ir.config_parameter",
                param.ids,
                "config",
                name=f"{param.key}: {old if old is not None else '(unset)'} -> {param.value}",
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._clinic_check_retention(vals.get("key"), vals.get("value"))
        params = super().create(vals_list)
        params._clinic_log_change({})
        return params

    def write(self, vals):
        for param in self:
            self._clinic_check_retention(vals.get("key", param.key), vals.get("value", param.value))
        old_values = {param.id: param.value for param in self}
        result = super().write(vals)
        self._clinic_log_change(old_values)
        return result

    def unlink(self):
        for param in self.filtered(lambda p: p.key in AUDITED_PARAMS):
            self.env["auditlog.log"]._clinic_log_event(
                "ir.config_parameter",
                param.ids,
                "config",
                name=f"{param.key}: {param.value} -> (unset)",
            )
        return super().unlink()
