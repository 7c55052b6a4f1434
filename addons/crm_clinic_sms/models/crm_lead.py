# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Twilio's own opt-out keywords, mirrored in Odoo's phone blacklist.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
START_WORDS = {"START", "YES", "UNSTOP"}
HELP_WORDS = {"HELP", "INFO"}


class CrmLead(models.Model):
    """Texts to patients: only with consent, and never during quiet hours."""

    _inherit = "crm.lead"

    def _clinic_has_sms_consent(self):
        """Whether the lead's contact or patient agreed to texts (dated on the partner)."""
        self.ensure_one()
        partners = self.partner_id | self.clinic_patient_id
        return any(partners.mapped("clinic_consent_sms"))

    def _clinic_send_sms_template(self, template):
        """Queue ``template`` (an sms.template or its xmlid) to the lead's phone."""
        if isinstance(template, str):
            template = self.env.ref(template)
        for lead in self:
            if not lead._clinic_has_sms_consent():
                raise UserError(
                    self.env._(
                        "“%(lead)s” has not agreed to receive text messages: record the consent "
                        "first (Consents to Texts).",
                        lead=lead.name,
                    )
                )
            if not lead.phone_sanitized:
                raise UserError(self.env._("“%(lead)s” has no valid phone number.", lead=lead.name))
        # Queued, not sent now: the SMS queue holds texts written in quiet hours.
        return self.with_context(clinic_sms_quiet_hours=True)._message_sms_with_template(
            template=template, put_in_queue=True
        )

    def action_clinic_sms_followup(self):
        self._clinic_send_sms_template("crm_clinic_sms.sms_template_clinic_followup")
        return True

    # ------------------------------------------------------------------
    # Inbound texts (Twilio webhook)
    # ------------------------------------------------------------------

    @api.model
    def _clinic_sms_company(self, to_number):
        """The company that owns the Twilio number the patient texted."""
        to = (to_number or "").strip()
        match = (
            self.env["sms.twilio.number"].sudo().search([("number", "=", to)], limit=1)
            if to
            else False
        )
        if match:
            return match.company_id
        # A number no company registered: it is the clinic's only when a single company
        # texts through Twilio. With several, guessing could put one clinic's family in
        # another's chatter, so none is chosen and the webhook refuses the text.
        twilio = self.env["res.company"].sudo().search([("sms_provider", "=", "twilio")], limit=2)
        return twilio if len(twilio) == 1 else twilio.browse()

    @api.model
    def _clinic_sms_inbound(self, from_number, body, company):
        """Record a patient's text; return the reply to send back, if any.

        STOP-type words blacklist the number, START-type words lift it, HELP gets
        the clinic's contact; anything else lands in the chatter of the newest
        open lead with that phone (else the patient) of ``company`` (the owner of
        the number texted) and notifies the coordinator.
        """
        body = (body or "").strip()
        word = body.upper().strip(" .!")
        if not (from_number or "").strip():
            return None
        number = self._phone_format(
            number=from_number.strip(), country=company.country_id, force_format="E164"
        )
        if not number:
            return None
        Blacklist = self.env["phone.blacklist"].sudo()
        if word in STOP_WORDS:
            Blacklist._add([number], message=self.env._("Texted %s", word))
            return None
        if word in START_WORDS:
            Blacklist._remove([number], message=self.env._("Texted %s", word))
            return self.env._(
                "%(clinic)s: you will receive our text messages again. Reply STOP to opt out.",
                clinic=company.name,
            )
        if word in HELP_WORDS:
            contact = " / ".join(filter(None, [company.phone, company.email]))
            return self.env._(
                "%(clinic)s: for help call or write to %(contact)s. Reply STOP to opt out.",
                clinic=company.name,
                contact=contact or company.name,
            )
        # Only the leads and contacts of the company whose number was texted: a family of
        # one clinic never lands in another clinic's chatter.
        company_domain = [("company_id", "in", [company.id, False])]
        lead = self.sudo().search(
            [("phone_sanitized", "=", number), ("active", "=", True), *company_domain],
            order="write_date desc, id desc",
            limit=1,
        )
        partner = (
            self.env["res.partner"]
            .sudo()
            .search([("phone_sanitized", "=", number), *company_domain], order="id desc", limit=1)
        )
        record = lead or partner
        if not record:
            _logger.info("Inbound SMS from an unknown number ignored")
            return None
        coordinator = (lead.user_id if lead else partner.user_id).partner_id
        # An internal note addressed to the coordinator: a "sms" message type would
        # make Odoo text the recipients, and a comment would e-mail the patient back.
        # Its subtype marks it as a family's text (not for Billing or Read Only).
        record.with_context(**self._clinic_sms_inbound_context()).message_post(
            body=self.env._("Text message from %(number)s: %(body)s", number=number, body=body),
            message_type="comment",
            subtype_xmlid="crm_clinic_sms.mt_clinic_family_text",
            author_id=(lead.partner_id or partner).id or False,
            partner_ids=coordinator.ids,
        )
        return None

    @api.model
    def _clinic_sms_inbound_context(self):
        """Context of the note that records a patient's text (a hook for other addons).
        The family texting in is a contact: it sets the lead's Last Contacted."""
        return {"clinic_contact_message": True}
