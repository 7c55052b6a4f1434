# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import requests

from odoo.addons.sms_twilio.tools.sms_api import SmsApiTwilio
from odoo.addons.sms_twilio.tools.sms_twilio import get_twilio_status_callback_url

_logger = logging.getLogger(__name__)

WHATSAPP_PREFIX = "whatsapp:"


class ClinicSmsApiTwilio(SmsApiTwilio):
    """Odoo's Twilio sender, which also sends the clinic's WhatsApp messages.

    WhatsApp goes through the same Twilio Messages API as texts, with ``whatsapp:``
    addresses: From is the clinic's WhatsApp sender (not one of its SMS numbers), To the
    family's number. The batch tells which of its messages are WhatsApp ones by their
    uuid (``clinic_whatsapp_uuids``, set by ``sms.sms._send_with_api``); the others go
    out as texts, unchanged.
    """

    clinic_whatsapp_uuids = frozenset()

    def _sms_twilio_send_request(self, session, to_number, body, uuid):
        if uuid not in self.clinic_whatsapp_uuids:
            return super()._sms_twilio_send_request(session, to_number, body, uuid)
        company_sudo = (self.company or self.env.company).sudo()
        company_sudo._assert_twilio_sid()
        sender = company_sudo.clinic_whatsapp_number
        data = {
            # An empty From (no sender configured) gets Twilio's own "From is required".
            "From": f"{WHATSAPP_PREFIX}{sender}" if sender else "",
            "To": f"{WHATSAPP_PREFIX}{to_number}",
            "Body": body,
            # Odoo's signed status callback updates the message as for a text.
            "StatusCallback": get_twilio_status_callback_url(company_sudo, uuid),
        }
        account = company_sudo.sms_twilio_account_sid
        try:
            return session.post(
                f"https://api.twilio.com/2010-04-01/Accounts/{account}/Messages.json",
                data=data,
                auth=(account, company_sudo.sms_twilio_auth_token),
                timeout=5,
            )
        except requests.exceptions.RequestException as error:
            _logger.warning("Twilio WhatsApp API error: %s", error)
        return None
