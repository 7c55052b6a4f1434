# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError


class AuditlogLogLine(models.Model):
    """Lines of an audit row are as append-only as the row itself."""

    _inherit = "auditlog.log.line"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Audit log entries cannot be created by hand."))
        # auditlog reads each line's field one record at a time (a query per line: twenty
        # for a new lead); one read of them all fills the cache those reads hit.
        field_ids = {vals["field_id"] for vals in vals_list if vals.get("field_id")}
        if field_ids:
            self.env["ir.model.fields"].sudo().browse(field_ids).fetch(
                ["name", "field_description"]
            )
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(self.env._("Audit log entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_row(self):
        raise UserError(
            self.env._("Audit log entries cannot be deleted; the retention job removes them.")
        )
