# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrModelAccess(models.Model):
    """An access right refusal on an audited model writes a "denied" audit row."""

    _inherit = "ir.model.access"

    def _make_access_error(self, model, mode):
        error = super()._make_access_error(model, mode)
        if model in self.env["auditlog.rule"]._clinic_audited_models():
            self.env["auditlog.log"]._clinic_log_event_autonomous(
                model, [], mode, "denied", name=f"{model}: {mode} denied by access rights"
            )
        return error
