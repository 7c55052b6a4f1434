# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ClinicRecordsDocument(models.Model):
    """Scanned files received for a records request are queued for OCR."""

    _inherit = "clinic.records.document"  # pylint: disable=consider-merging-classes-inherited

    ocr_document_ids = fields.One2many("clinic.ocr.document", "records_document_id", string="OCR")
    ocr_state = fields.Selection(related="ocr_document_ids.state", string="OCR Status")

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._queue_ocr()
        return documents

    def _queue_ocr(self):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_field", "=", "file"),
                    ("res_id", "in", self.ids),
                ]
            )
        )
        for document in self:
            self.env["clinic.ocr.document"]._queue_attachments(
                attachments.filtered(lambda a, d=document: a.res_id == d.id),
                records_document=document,
            )
