# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrRule(models.Model):
    """A record rule refusal on audited records writes a "denied" audit row."""

    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        error = super()._make_access_error(operation, records)
        if records._name in self.env["auditlog.rule"]._clinic_audited_models():
            self.env["auditlog.log"]._clinic_log_event_autonomous(
                records._name, records.ids, operation, "denied"
            )
        return error
