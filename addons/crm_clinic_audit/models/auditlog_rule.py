# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..upstream.auditlog_stale_wrapper import repatch_stale_wrappers

# Value columns of auditlog.log.line: they would copy PHI into the audit trail.
_VALUE_KEYS = ("old_value", "new_value", "old_value_text", "new_value_text")


class AuditlogRule(models.Model):
    """Clinic rules keep *which* field changed, never the value (PHI stays out of the trail)."""

    _name = "auditlog.rule"
    _inherit = ["auditlog.rule", "clinic.cached.rules.mixin"]

    clinic_redact_values = fields.Boolean(
        string="Redact Values",
        help="Log which fields changed but not their old or new values: the model holds "
        "protected health information.",
    )

    clinic_log_form_reads = fields.Boolean(
        string="Log Record Openings",
        help="Log each time a user opens one record of this model in a form (not list loads).",
    )

    @api.model
    @tools.ormcache()
    def _clinic_audited_models(self):
        """Technical names of the models with a confirmed rule: reads, downloads, prints and
        access denials are audited on these."""
        rules = self.sudo().search([("state", "=", "confirmed")])
        return frozenset(rules.mapped("model_model"))

    @api.model
    @tools.ormcache()
    def _clinic_form_read_models(self):
        """Models whose form opening (web_read of a record) is audited."""
        rules = self.sudo().search(
            [("state", "=", "confirmed"), ("clinic_log_form_reads", "=", True)]
        )
        return frozenset(rules.mapped("model_model"))

    @api.model
    @tools.ormcache()
    def _clinic_redacted_model_ids(self):
        rules = self.sudo().search([("clinic_redact_values", "=", True)])
        return frozenset(rules.model_id.ids)

    # -- changes to the audit configuration are audited -------------------------------------

    def _clinic_log_config(self, action):
        for rule in self:
            self.env["auditlog.log"]._clinic_log_event(
                "auditlog.rule",
                rule.ids,
                "config",
                name=f"audit rule {rule.model_model or rule.model_id.model}: {action}",
            )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._clinic_log_config("created")
        return rules

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "confirmed":
            action = "subscribed"
        elif vals.get("state") == "draft":
            action = "unsubscribed"
        else:
            action = "changed " + ", ".join(sorted(vals))
        self._clinic_log_config(action)
        return result

    def unlink(self):
        self._clinic_log_config("deleted")
        return super().unlink()

    def _patch_methods(self):
        """auditlog's patching, then the repair of wrappers that went stale when another
        addon extended an audited model (a candidate fix for OCA auditlog, documented and
        kept in ``upstream/auditlog_stale_wrapper.py``)."""
        updated = super()._patch_methods()
        return repatch_stale_wrappers(self) or updated

    def create_logs(
        self,
        uid,
        res_model,
        res_ids,
        method,
        old_values=None,
        new_values=None,
        additional_log_values=None,
    ):
        if not res_ids and method in ("create", "write", "unlink"):
            # Odoo writes empty recordsets (crm.lead.create's won-stage date, for one):
            # nothing to log, and auditlog would still search its rule each time.
            return self.env["auditlog.log"]
        if method == "export_data" and res_model in self._clinic_form_read_models():
            # The clinic's bulk-read row (clinic_audit_base.export_data) records this export
            # with its fields: one row per call, not two.
            return self.env["auditlog.log"]
        # Tells auditlog.log.create that the row's name is a display_name (PHI) to replace.
        return super(AuditlogRule, self.with_context(clinic_auditlog_rule=True)).create_logs(
            uid, res_model, res_ids, method, old_values, new_values, additional_log_values
        )

    def _clinic_redact_line(self, log_vals, line_vals):
        if log_vals.get("model_id") in self._clinic_redacted_model_ids():
            for key in _VALUE_KEYS:
                line_vals[key] = False
        return line_vals

    def _prepare_log_line_vals_on_read(self, log_vals, field, read_values):
        vals = super()._prepare_log_line_vals_on_read(log_vals, field, read_values)
        return self._clinic_redact_line(log_vals, vals)

    def _prepare_log_line_vals_on_write(self, log_vals, field, old_values, new_values):
        vals = super()._prepare_log_line_vals_on_write(log_vals, field, old_values, new_values)
        return self._clinic_redact_line(log_vals, vals)

    def _prepare_log_line_vals_on_create(self, log_vals, field, new_values):
        vals = super()._prepare_log_line_vals_on_create(log_vals, field, new_values)
        return self._clinic_redact_line(log_vals, vals)
