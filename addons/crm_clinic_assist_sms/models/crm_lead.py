# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmLead(models.Model):
    """A text from a patient is read by the message classifier."""

    _inherit = "crm.lead"

    @api.model
    def _clinic_sms_inbound_context(self):
        # The patient's own words: read them for urgency and intent whoever the author is.
        return dict(super()._clinic_sms_inbound_context(), clinic_classify_message=True)

    def _clinic_urgent_note_subtype(self, reading):
        # Quoting a family's text: as hidden from Billing and Read Only as the text itself.
        if reading.message_id.sudo().subtype_id.clinic_family_text:
            return "crm_clinic_sms.mt_clinic_family_text"
        return super()._clinic_urgent_note_subtype(reading)
