# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..tools.sms_api import ClinicSmsApiTwilio

ICP_QUIET_START = "crm_ortho_onboarding.sms_quiet_start"
ICP_QUIET_END = "crm_ortho_onboarding.sms_quiet_end"


class SmsSms(models.Model):
    """Patient texts created during quiet hours wait in Odoo's queue until morning.

    WhatsApp messages are texts of this queue too (``clinic_whatsapp``): same consent
    checks, quiet hours, delivery reports and chatter; only Twilio's addresses differ.
    """

    _inherit = "sms.sms"

    clinic_send_after = fields.Datetime(
        string="Send After",
        index="btree_not_null",
        help="Quiet hours: the SMS queue keeps this text until then (clinic's time zone).",
    )
    clinic_whatsapp = fields.Boolean(
        string="WhatsApp",
        readonly=True,
        help="Sent on WhatsApp through Twilio (whatsapp: addresses) instead of as a text.",
    )

    @api.model
    def _clinic_quiet_until(self, company=None, now=None):
        """When a text written ``now`` may go out: None outside quiet hours, else next morning."""
        company = company or self.env.company
        icp = self.env["ir.config_parameter"].sudo()
        start = int(icp.get_param(ICP_QUIET_START, 21))
        end = int(icp.get_param(ICP_QUIET_END, 8))
        tz = pytz.timezone(company.partner_id.tz or self.env.user.tz or "UTC")
        now = now or fields.Datetime.now()
        local = pytz.utc.localize(now).astimezone(tz)
        quiet = (
            local.hour >= start or local.hour < end if start > end else start <= local.hour < end
        )
        if not quiet:
            return None
        day = local.date() + timedelta(days=1) if local.hour >= end else local.date()
        morning = tz.localize(datetime.combine(day, time(end)))
        return morning.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("clinic_sms_quiet_hours"):
            until = self._clinic_quiet_until()
            if until:
                for vals in vals_list:
                    vals.setdefault("clinic_send_after", until)
        if self.env.context.get("clinic_sms_channel") == "whatsapp":
            for vals in vals_list:
                vals.setdefault("clinic_whatsapp", True)
        return super().create(vals_list)

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        now = fields.Datetime.now()
        held = self.filtered(lambda sms: sms.clinic_send_after and sms.clinic_send_after > now)
        if held and held == self:
            return None  # nothing to send yet; Odoo's sender does not expect an empty batch
        return super(SmsSms, self - held)._send(
            unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
        )

    def _send_with_api(self, sms_api, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Tell Twilio's sender which messages of the batch go out on WhatsApp.

        WhatsApp has no other route than Twilio: if the clinic's provider is not Twilio
        any more, its WhatsApp messages fail (never sent as texts) and the rest go out.
        """
        whatsapp = self.filtered("clinic_whatsapp")
        if whatsapp and not isinstance(sms_api, ClinicSmsApiTwilio):
            whatsapp.sms_tracker_id._action_update_from_sms_state(
                "error",
                failure_type="unknown",
                failure_reason=self.env._("WhatsApp messages are sent through Twilio only."),
            )
            whatsapp.write({"state": "error", "failure_type": "unknown"})
            rest = self - whatsapp
            if not rest:
                return None
            return super(SmsSms, rest)._send_with_api(
                sms_api,
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        if isinstance(sms_api, ClinicSmsApiTwilio):
            sms_api.clinic_whatsapp_uuids = frozenset(whatsapp.mapped("uuid"))
        return super()._send_with_api(
            sms_api,
            unlink_failed=unlink_failed,
            unlink_sent=unlink_sent,
            raise_exception=raise_exception,
        )
