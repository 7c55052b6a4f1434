# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class ClinicTwilioInbound(http.Controller):
    """Patients' replies to the clinic's Twilio number (Twilio's "A message comes in" webhook).

    The same route takes WhatsApp messages (From ``whatsapp:+…``, To the clinic's WhatsApp
    sender): Twilio signs them the same way, and the reply goes back on WhatsApp.

    Delivery status callbacks are Odoo's own route (/sms_twilio/status/<uuid>, in
    sms_twilio); this route only takes incoming messages.
    """

    @http.route(
        "/clinic/sms/twilio/inbound",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def inbound(self, **params):
        Lead = request.env["crm.lead"].sudo()
        company = Lead._clinic_sms_company(params.get("To"))
        token = company.sms_twilio_auth_token if company else False
        signature = request.httprequest.headers.get("X-Twilio-Signature", "")
        # Unsigned or forged requests are refused before anything is read or stored.
        if not token or not RequestValidator(token).validate(
            request.httprequest.url, params, signature
        ):
            return request.make_json_response({"error": "invalid signature"}, status=403)
        try:
            reply = Lead.with_company(company)._clinic_sms_inbound(
                params.get("From"), params.get("Body"), company
            )
        except Exception:  # a patient's text must never get a stack trace back
            _logger.exception("Inbound SMS could not be recorded")
            request.env.cr.rollback()
            reply = None
        twiml = MessagingResponse()
        if reply:
            twiml.message(reply)
        return request.make_response(str(twiml), headers=[("Content-Type", "text/xml")])
