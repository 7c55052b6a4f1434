# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import route

from odoo.addons.sms_twilio.controllers.controllers import SmsTwilioController


class ClinicSmsTwilioController(SmsTwilioController):
    """Odoo's Twilio delivery reports, with WhatsApp's *read* receipt.

    WhatsApp reports one more status than texts, ``read``, after ``delivered``. Odoo's
    route does not know it and would answer 404, which Twilio logs as a failed webhook on
    every read message: a read message is a delivered one.
    """

    @route()
    def update_sms_status(self, uuid, **kwargs):
        if kwargs.get("SmsStatus") == "read":
            kwargs["SmsStatus"] = "delivered"
        return super().update_sms_status(uuid, **kwargs)
