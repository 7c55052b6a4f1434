# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class BaseModel(models.AbstractModel):
    """Audit the opening of a PHI record in a form (web_read), not list loads.

    The web client opens a form with web_read on one record and loads lists with
    web_search_read: logging the former gives one row per record a user actually looked
    at, while a list of 80 patients costs nothing (auditlog's own "log reads" would write a
    row for every record of every list, every time).
    """

    _inherit = "base"

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # A list load calls web_read on its page of records: that is not "opening" them.
        return super(BaseModel, self.with_context(clinic_audit_list_load=True)).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    @api.readonly
    def web_read(self, specification):
        result = super().web_read(specification)
        # A form reads exactly one record; several at once is a list, kanban or x2many load.
        if (
            len(self._ids) == 1
            and not self.env.su
            and not self.env.context.get("clinic_audit_list_load")
            and self._clinic_is_audited()
        ):
            records = self._clinic_audit_read_scope()
            if records:
                self.env["auditlog.log"]._clinic_log_event(self._name, records.ids, "read")
        return result

    @api.model
    def _clinic_is_audited(self):
        return self._name in self.env["auditlog.rule"]._clinic_form_read_models()

    def _clinic_audit_read_scope(self):
        """Records whose opening is worth an audit row; partners narrow this to patients."""
        return self
