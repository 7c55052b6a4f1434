# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ClinicRecordsDocument(models.Model):
    """One file of records prepared for (or received through) a records request.

    A model of its own rather than plain attachments on the request: the file's
    attachment follows this model's access rights, which only the records
    permissions (records:prepare, records:authorize) and clinic admins hold, so
    read-only roles see the request but never the patient's records.
    """

    _name = "clinic.records.document"
    _description = "Medical Records Document"
    _order = "request_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    request_id = fields.Many2one(
        "clinic.records.request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    patient_id = fields.Many2one(related="request_id.patient_id", store=True, index=True)
    direction = fields.Selection(related="request_id.direction")
    record_type_id = fields.Many2one("clinic.records.type")
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    page_count = fields.Integer(string="Pages", default=1)
    # Scanned files received for a request are queued for OCR.
    ocr_document_ids = fields.One2many("clinic.ocr.document", "records_document_id", string="OCR")
    ocr_state = fields.Selection(related="ocr_document_ids.state", string="OCR Status")

    _page_count_positive = models.Constraint(
        "CHECK(page_count >= 0)", "A document cannot have a negative number of pages."
    )

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents.request_id._check_documents_editable()
        for document in documents:
            document.request_id.message_post(
                body=self.env._("Document added: %s", document.name),
                subtype_xmlid="mail.mt_note",
            )
        documents._queue_ocr()
        return documents

    def write(self, vals):
        self.request_id._check_documents_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        self.request_id._check_documents_editable()

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
