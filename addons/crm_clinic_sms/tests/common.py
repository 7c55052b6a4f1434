# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs

from twilio.request_validator import RequestValidator

from odoo.tests import HttpCase

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

SID = "AC" + "0123456789abcdef" * 2
TOKEN = "clinic-test-auth-token"
CLINIC_NUMBER = "+13035550100"
PATIENT_NUMBER = "+13035550142"
TWILIO_URL = f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"
ROUTE = "/clinic/sms/twilio/inbound"
WHATSAPP_SENDER = "+14155238886"


class FakeTwilio:
    """A local stand-in for Twilio's Messages API, on ``requests_mock``: it records what
    Odoo posts and answers as Twilio does (a queued message, or error 21603 when From is
    missing). Never the internet."""

    def __init__(self, mocker):
        self.requests = []
        mocker.post(TWILIO_URL, json=self._answer)

    def _answer(self, request, context):
        data = {key: values[0] for key, values in parse_qs(request.text, True).items()}
        self.requests.append(data)
        if not data.get("From"):
            context.status_code = 400
            return {"code": 21603, "message": "A 'From' phone number is required.", "status": 400}
        context.status_code = 201
        return {
            "sid": f"SM{len(self.requests):032d}",
            "status": "queued",
            "from": data["From"],
            "to": data["To"],
            "body": data.get("Body"),
        }


class TwilioCommon(ClinicRolesCommon):
    """The company texts through Twilio from a Denver number; the lead has a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        us = cls.env.ref("base.us")
        cls.company = cls.env.company
        cls.company.write(
            {
                "country_id": us.id,
                "phone": "+1 303-555-0100",
                "sms_provider": "twilio",
                "sms_twilio_account_sid": SID,
                "sms_twilio_auth_token": TOKEN,
            }
        )
        cls.company.partner_id.tz = "America/Denver"
        cls.env["sms.twilio.number"].create(
            {"company_id": cls.company.id, "number": CLINIC_NUMBER, "country_id": us.id}
        )
        cls.lead.write({"phone": "(303) 555-0142", "country_id": us.id})


class TwilioInboundCommon(TwilioCommon, HttpCase):
    """Posts to the inbound webhook as Twilio does (signed with the auth token)."""

    def _post(self, body, sign=True, **extra):
        params = {
            "From": PATIENT_NUMBER,
            "To": CLINIC_NUMBER,
            "Body": body,
            "MessageSid": "SM" + "9" * 32,
            **extra,
        }
        url = self.base_url() + ROUTE
        signature = RequestValidator(TOKEN if sign else "forged").compute_signature(url, params)
        return self.url_open(url, data=params, headers={"X-Twilio-Signature": signature})
