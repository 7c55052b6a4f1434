# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrAttachment(models.Model):
    """Scans attached to a patient (chatter or documents) are queued for OCR."""

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        on_partners = attachments.filtered(
            lambda a: a.res_model == "res.partner" and a.res_id and not a.res_field
        )
        if on_partners:
            patients = (
                self.env["res.partner"]
                .sudo()
                .browse(set(on_partners.mapped("res_id")))
                .exists()
                .filtered("clinic_is_patient")
            )
            for patient in patients:
                self.env["clinic.ocr.document"]._queue_attachments(
                    on_partners.filtered(lambda a, p=patient: a.res_id == p.id), partner=patient
                )
        return attachments
