# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class IrBinary(models.AbstractModel):
    """Downloading a file of an audited record writes one audit row."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """Audit downloads of PHI files: attachments of audited records, and file fields."""
        stream = super()._record_to_stream(record, field_name)
        audited = self.env["auditlog.rule"]._clinic_audited_models()
        if record._name == "ir.attachment":
            attachment = record.sudo()
            res_field = attachment.res_model in self.env and self.env[
                attachment.res_model
            ]._fields.get(attachment.res_field or "")
            is_image = isinstance(res_field, fields.Image)
            if attachment.res_model in audited and attachment.res_id and not is_image:
                self.env["auditlog.log"]._clinic_log_event(
                    attachment.res_model,
                    [attachment.res_id],
                    "download",
                    name=f"ir.attachment,{attachment.id}",
                )
        elif record._name in audited and not isinstance(record._fields[field_name], fields.Image):
            # Avatars and other images are not files of the patient's record.
            self.env["auditlog.log"]._clinic_log_event(
                record._name,
                record.ids,
                "download",
                name=f"{record._name},{record.id}:{field_name}",
            )
        return stream
