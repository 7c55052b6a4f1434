# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrActionsReport(models.Model):
    """Printing a report (PDF or HTML) of audited records writes one audit row."""

    _inherit = "ir.actions.report"

    def _clinic_audit_print(self, report_ref, res_ids):
        if self.env.context.get("clinic_audit_printed") or not res_ids:
            return self
        report = self._get_report(report_ref)
        if report.model in self.env["auditlog.rule"]._clinic_audited_models():
            ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
            self.env["auditlog.log"]._clinic_log_event(
                report.model, ids, "print", name=f"{report.model}: {report.report_name}"
            )
        return self.with_context(clinic_audit_printed=True)

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report = self._clinic_audit_print(report_ref, res_ids)
        return super(IrActionsReport, report)._render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )

    def _render_qweb_html(self, report_ref, docids, data=None):
        report = self._clinic_audit_print(report_ref, docids)
        return super(IrActionsReport, report)._render_qweb_html(report_ref, docids, data=data)
