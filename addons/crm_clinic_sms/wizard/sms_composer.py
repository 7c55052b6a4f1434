# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class SmsComposer(models.TransientModel):
    """Odoo's SMS editor, reused for WhatsApp messages to a lead's family (Send WhatsApp)."""

    _inherit = "sms.composer"

    def action_send_sms(self):
        """Opened by *Send WhatsApp*: the message goes through the lead's WhatsApp sending
        (consent, STOP, quiet hours, chatter), not as a text."""
        if self.env.context.get("clinic_sms_channel") != "whatsapp":
            return super().action_send_sms()
        self.ensure_one()
        if self.res_model != "crm.lead" or self.composition_mode != "comment":
            raise UserError(self.env._("WhatsApp messages are sent from a lead."))
        if not (self.body or "").strip():
            raise UserError(self.env._("Write the message first."))
        leads = self._get_records()
        bodies = self._prepare_body_values(leads)
        for lead in leads:
            lead._clinic_send_whatsapp(bodies[lead.id])
        return False
