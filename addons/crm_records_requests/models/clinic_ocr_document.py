# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader

from .clinic_ocr_tools import (
    DOCUMENT_TYPES,
    OcrUnavailable,
    analyse,
    engine_problem,
    ocr_image,
    ocr_pdf,
)

_logger = logging.getLogger(__name__)

OCR_MIMETYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "image/bmp",
    "image/gif",
)
# What a confirmed document type files the records document under.
TYPE_TO_RECORDS_TYPE = {
    "xray_report": "crm_records_requests.clinic_records_type_imaging",
    "treatment_summary": "crm_records_requests.clinic_records_type_treatment_plan",
    "referral_letter": "crm_records_requests.clinic_records_type_clinical_notes",
    "insurance_card": "crm_records_requests.clinic_records_type_billing",
}


class ClinicOcrDocument(models.Model):
    """A scanned file read by OCR, and what its text suggests, for staff to confirm.

    Files received for a records request, or attached to a patient, are queued
    here and read by a scheduled action (Tesseract on the server, never during a
    user's request, never by an outside service). The text is stored and
    searchable; the suggested patient, document type and date range are only
    suggestions until a staff member confirms them.
    """

    _name = "clinic.ocr.document"
    _description = "Scanned Document (OCR)"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    attachment_id = fields.Many2one("ir.attachment", required=True, ondelete="cascade")
    mimetype = fields.Char(related="attachment_id.mimetype")
    records_document_id = fields.Many2one(
        "clinic.records.document", ondelete="cascade", index="btree_not_null", check_company=True
    )
    request_id = fields.Many2one(
        related="records_document_id.request_id", store=True, index="btree_not_null"
    )
    attached_partner_id = fields.Many2one(
        "res.partner", string="Attached to Patient", ondelete="cascade", index="btree_not_null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("queued", "Waiting for OCR"),
            ("done", "To Confirm"),
            ("failed", "Failed"),
            ("confirmed", "Confirmed"),
        ],
        default="queued",
        required=True,
        index=True,
        tracking=True,
    )
    error = fields.Char(readonly=True)
    text = fields.Text(string="Extracted Text", readonly=True)
    date_processed = fields.Datetime(string="Read On", readonly=True)
    # Suggestions, as read.
    suggested_patient_id = fields.Many2one("res.partner", readonly=True)
    suggestion_reason = fields.Char(string="Why This Patient", readonly=True)
    suggested_type = fields.Selection(DOCUMENT_TYPES, readonly=True)
    suggested_type_words = fields.Char(string="Type Found From", readonly=True)
    suggested_birthdate = fields.Date(string="Birthdate Read", readonly=True)
    suggested_names = fields.Char(string="Names Read", readonly=True)
    # What staff confirm (prefilled with the suggestions).
    patient_id = fields.Many2one(
        "res.partner", domain=[("clinic_is_patient", "=", True)], tracking=True
    )
    document_type = fields.Selection(DOCUMENT_TYPES, tracking=True)
    date_from = fields.Date(string="Records From", tracking=True)
    date_to = fields.Date(string="Records To", tracking=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    engine_warning = fields.Char(compute="_compute_engine_warning")

    def _compute_engine_warning(self):
        problem = engine_problem()
        for job in self:
            job.engine_warning = (
                self.env._("OCR cannot run on this server: %s.", problem) if problem else False
            )

    @api.model
    def _queue_attachments(self, attachments, records_document=None, partner=None):
        """Queue the scanned files among ``attachments`` and wake the OCR job."""
        scans = attachments.filtered(lambda a: a.mimetype in OCR_MIMETYPES)
        if not scans:
            return self.browse()
        company = (records_document and records_document.company_id) or (
            partner and partner.company_id
        )
        jobs = self.sudo().create(
            [
                {
                    "name": attachment.name or self.env._("Scanned document"),
                    "attachment_id": attachment.id,
                    "records_document_id": records_document.id if records_document else False,
                    "attached_partner_id": partner.id if partner else False,
                    "company_id": (company or self.env.company).id,
                }
                for attachment in scans
            ]
        )
        self.env.ref("crm_records_requests.ir_cron_clinic_ocr_queue").sudo()._trigger()
        return jobs

    @api.model
    def _cron_process_queue(self, batch_size=5):
        """Read queued files a few at a time, committing after each (OCR is slow)."""
        cron = self.env["ir.cron"]
        while True:
            jobs = self.search([("state", "=", "queued")], limit=batch_size, order="id")
            if not jobs:
                break
            for job in jobs:
                job._process()
            remaining = self.search_count([("state", "=", "queued")])
            if cron._commit_progress(len(jobs), remaining=remaining) <= 0 or not remaining:
                break

    def _extract_text(self):
        self.ensure_one()
        data = self.attachment_id.raw or b""
        if self.attachment_id.mimetype == "application/pdf":
            embedded = ""
            try:
                reader = PdfFileReader(io.BytesIO(data), strict=False)
                embedded = "\n".join(page.extract_text() or "" for page in reader.pages[:20])
            except Exception:  # noqa: BLE001 — a damaged PDF may still render for OCR
                _logger.info("OCR: no embedded text in attachment %s", self.attachment_id.id)
            return ocr_pdf(data, embedded)
        return ocr_image(data)

    def _process(self):
        """OCR one file and store its text and suggestions (or why it failed)."""
        for job in self:
            try:
                text = job._extract_text()
            except OcrUnavailable as error:
                job.write(
                    {
                        "state": "failed",
                        "error": self.env._(
                            "OCR is not available: %s. Install it, then press Retry.", error
                        ),
                    }
                )
                continue
            except Exception as error:  # noqa: BLE001 — one bad file must not stop the queue
                _logger.warning("OCR failed for attachment %s: %s", job.attachment_id.id, error)
                job.write(
                    {
                        "state": "failed",
                        "error": self.env._("The file could not be read as an image or a PDF."),
                    }
                )
                continue
            job.write(job._prepare_suggestion_values(text))

    def _prepare_suggestion_values(self, text):
        info = analyse(text)
        patient, reason = self._suggest_patient(info, text)
        return {
            "state": "done",
            "error": False,
            "text": text,
            "date_processed": fields.Datetime.now(),
            "suggested_patient_id": patient.id,
            "suggestion_reason": reason,
            "suggested_type": info["type"],
            "suggested_type_words": ", ".join(info["type_words"]),
            "suggested_birthdate": info["birthdate"],
            "suggested_names": ", ".join(info["names"]),
            "patient_id": patient.id,
            "document_type": info["type"],
            "date_from": info["date_from"],
            "date_to": info["date_to"],
        }

    def _suggest_patient(self, info, text):
        """(patient, reason): name and birthdate both match, else a single name match."""
        self.ensure_one()
        partners = self.env["res.partner"].with_company(self.company_id)
        base = [("clinic_is_patient", "=", True)]
        lowered = (text or "").lower()
        if info["birthdate"]:
            born = partners.search(base + [("clinic_birthdate", "=", info["birthdate"])], limit=50)
            named = born.filtered(
                lambda p: p.name and (p.name.lower() in lowered or p.name in info["names"])
            )
            if len(named) == 1:
                return named, self.env._("Name and birthdate match")
        for name in info["names"]:
            found = partners.search(base + [("name", "=ilike", name)], limit=2)
            if len(found) == 1:
                if info["birthdate"] and found.clinic_birthdate:
                    reason = self.env._("Name matches, birthdate differs: check")
                else:
                    reason = self.env._("Name matches (no birthdate to compare)")
                return found, reason
        return partners.browse(), False

    def action_confirm(self):
        """Staff confirm patient, type and dates; the records document is filed accordingly."""
        for job in self:
            if job.state not in ("done", "confirmed"):
                raise UserError(self.env._("Only a document that has been read can be confirmed."))
            if not job.patient_id:
                raise UserError(
                    self.env._("Patient: choose the patient this document is about first.")
                )
            xmlid = TYPE_TO_RECORDS_TYPE.get(job.document_type)
            document = job.records_document_id
            if document and xmlid and not document.record_type_id:
                document.record_type_id = self.env.ref(xmlid)
            job.write({"state": "confirmed", "confirmed_by_id": self.env.uid})
            if document:
                document.request_id.message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "Scanned document “%(name)s” confirmed: %(type)s for %(patient)s.",
                        name=job.name,
                        type=dict(DOCUMENT_TYPES).get(job.document_type, ""),
                        patient=job.patient_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_retry(self):
        """Read the file again (after installing Tesseract, for instance)."""
        self.write({"state": "queued", "error": False})
        self.env.ref("crm_records_requests.ir_cron_clinic_ocr_queue").sudo()._trigger()
        return True
