# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Set while one audited call runs: the reads it makes underneath are part of that call.
BULK_DONE = "clinic_audit_bulk_done"


class BaseModel(models.AbstractModel):
    """Audit the reads of PHI: one row per record opened in a form (web_read of one
    record), and one row per call that reads several records at once (list loads,
    ``search_read``, multi-record ``read``, exports), naming the model, the ids, the
    fields and the user.

    The bulk row is a single INSERT (``auditlog.log._clinic_log_bulk_read``): a list of
    80 patients costs one query more, not one row per record (which is what auditlog's
    own "log reads" would write, every time).
    """

    _inherit = "base"

    def _clinic_bulk_read_audited(self):
        """Does this call read PHI that no enclosing call has audited yet?"""
        return not self.env.su and not self.env.context.get(BULK_DONE) and self._clinic_is_audited()

    def _clinic_log_bulk(self, ids, method, field_names):
        self.env["auditlog.log"]._clinic_log_bulk_read(self._name, ids, method, field_names)

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # A list load calls web_read on its page of records: that is not "opening" them.
        audited = self._clinic_bulk_read_audited()
        context = {"clinic_audit_list_load": True}
        if audited:
            context[BULK_DONE] = True
        result = super(BaseModel, self.with_context(**context)).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )
        if audited and result["records"]:
            ids = [values["id"] for values in result["records"]]
            self._clinic_log_bulk(ids, "web_search_read", list(specification))
        return result

    @api.model
    @api.readonly
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        audited = self._clinic_bulk_read_audited()
        model = self.with_context(**{BULK_DONE: True}) if audited else self
        result = super(BaseModel, model).search_read(
            domain, fields, offset=offset, limit=limit, order=order, **kwargs
        )
        if audited and result:
            self._clinic_log_bulk([values["id"] for values in result], "search_read", fields)
        return result

    @api.readonly
    def read(self, fields=None, load="_classic_read"):
        audited = len(self._ids) > 1 and self._clinic_bulk_read_audited()
        records = self.with_context(**{BULK_DONE: True}) if audited else self
        result = super(BaseModel, records).read(fields, load=load)
        if audited and result:
            self._clinic_log_bulk([values["id"] for values in result], "read", fields)
        return result

    def export_data(self, fields_to_export):
        audited = self._clinic_bulk_read_audited()
        records = self.with_context(**{BULK_DONE: True}) if audited else self
        result = super(BaseModel, records).export_data(fields_to_export)
        if audited and self:
            self._clinic_log_bulk(self.ids, "export_data", fields_to_export)
        return result

    @api.readonly
    def web_read(self, specification):
        several = len(self._ids) > 1
        audited = several and self._clinic_bulk_read_audited()
        records = self.with_context(**{BULK_DONE: True}) if audited else self
        result = super(BaseModel, records).web_read(specification)
        if audited:
            # Several records at once: an x2many or a kanban/list page read by id.
            self._clinic_log_bulk(list(self._ids), "web_read", list(specification))
        elif (
            not several
            and self._ids
            and not self.env.su
            and not self.env.context.get("clinic_audit_list_load")
            and self._clinic_is_audited()
        ):
            # A form reads exactly one record: that is opening it.
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
