# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.sms_api import WHATSAPP_PREFIX

_logger = logging.getLogger(__name__)

# Twilio's own opt-out keywords, mirrored in Odoo's phone blacklist.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
START_WORDS = {"START", "YES", "UNSTOP"}
HELP_WORDS = {"HELP", "INFO"}


class CrmLead(models.Model):
    """Texts and WhatsApp messages to patients: only with consent, never to a number
    that texted STOP, and never during quiet hours."""

    _inherit = "crm.lead"

    clinic_preferred_contact = fields.Selection(
        selection_add=[("whatsapp", "WhatsApp")], ondelete={"whatsapp": "set null"}
    )

    def _clinic_has_sms_consent(self):
        """Whether the lead's contact or patient agreed to texts (dated on the partner)."""
        self.ensure_one()
        partners = self.partner_id | self.clinic_patient_id
        return any(partners.mapped("clinic_consent_sms"))

    def _clinic_has_whatsapp_consent(self):
        """Whether the lead's contact or patient agreed to WhatsApp (a consent of its own)."""
        self.ensure_one()
        partners = self.partner_id | self.clinic_patient_id
        return any(partners.mapped("clinic_consent_whatsapp"))

    def _clinic_check_can_text(self, channel="sms"):
        """Refuse, in the clinic's words, a message the family did not agree to or cannot get.

        ``channel`` is ``sms`` or ``whatsapp``. A number that texted STOP (on either
        channel) is on Odoo's phone blacklist and gets neither until it texts START.
        """
        whatsapp = channel == "whatsapp"
        for lead in self:
            if whatsapp and not lead._clinic_has_whatsapp_consent():
                raise UserError(
                    self.env._(
                        "“%(lead)s” has not agreed to receive WhatsApp messages: record the "
                        "consent first (Consents to WhatsApp on the patient or guardian).",
                        lead=lead.name,
                    )
                )
            if not whatsapp and not lead._clinic_has_sms_consent():
                raise UserError(
                    self.env._(
                        "“%(lead)s” has not agreed to receive text messages: record the consent "
                        "first (Consents to Texts).",
                        lead=lead.name,
                    )
                )
            if not lead.phone_sanitized:
                raise UserError(self.env._("“%(lead)s” has no valid phone number.", lead=lead.name))
            if lead.phone_sanitized_blacklisted:
                raise UserError(
                    self.env._(
                        "“%(lead)s” asked not to receive messages (replied STOP): nothing is "
                        "sent until they reply START.",
                        lead=lead.name,
                    )
                )
            company = lead.company_id or self.env.company
            if whatsapp and not (
                company.sms_provider == "twilio" and company.clinic_whatsapp_number
            ):
                raise UserError(
                    self.env._(
                        "WhatsApp is not set up for %(clinic)s: an administrator chooses Twilio "
                        "as the SMS provider and enters the WhatsApp sender in Settings.",
                        clinic=company.name,
                    )
                )

    def _clinic_send_sms_template(self, template):
        """Queue ``template`` (an sms.template or its xmlid) to the lead's phone."""
        if isinstance(template, str):
            template = self.env.ref(template)
        self._clinic_check_can_text("sms")
        # Queued, not sent now: the SMS queue holds texts written in quiet hours.
        return self.with_context(clinic_sms_quiet_hours=True)._message_sms_with_template(
            template=template, put_in_queue=True
        )

    def _clinic_send_whatsapp(self, body):
        """Queue ``body`` on WhatsApp to each lead's family; it is logged in the chatter.

        The message is a text of Odoo's SMS queue marked WhatsApp (``sms.sms``
        ``clinic_whatsapp``): quiet hours hold it, Twilio's status callback updates it,
        and the chatter shows it like a text, labelled WhatsApp.
        """
        # Who may message a family is who may edit the lead (the button's roles).
        self.check_access("write")
        self._clinic_check_can_text("whatsapp")
        messages = self.env["mail.message"]
        for lead in self:
            messages |= lead.with_context(
                clinic_sms_quiet_hours=True, clinic_sms_channel="whatsapp"
            )._message_sms(body, put_in_queue=True)
        return messages

    def _message_create(self, values_list):
        # A WhatsApp message is posted as Odoo posts a text (message type "sms", its body
        # the text sent); the chatter labels it WhatsApp. The family gets the text alone:
        # Odoo sends the ``sms_content`` it kept before this.
        if self.env.context.get("clinic_sms_channel") == "whatsapp":
            label = Markup("<p><strong>%s</strong></p>") % self.env._("WhatsApp")
            values_list = [
                dict(values, body=label + (values.get("body") or ""))
                if values.get("message_type") == "sms"
                else values
                for values in values_list
            ]
        return super()._message_create(values_list)

    def _clinic_send_whatsapp_template(self, template):
        """Queue ``template`` (an sms.template or its xmlid) on WhatsApp to each lead."""
        if isinstance(template, str):
            template = self.env.ref(template)
        self._clinic_check_can_text("whatsapp")
        bodies = template._render_field("body", self.ids, compute_lang=True)
        messages = self.env["mail.message"]
        for lead in self:
            messages |= lead._clinic_send_whatsapp(bodies[lead.id])
        return messages

    def _clinic_send_text_template(self, template):
        """A text step of the follow-up: on WhatsApp for the leads that prefer it, else SMS.

        The entry point for automatic text steps (follow-up, cadences): each lead's
        *Preferred Contact Method* chooses the channel, under that channel's consent.
        """
        if isinstance(template, str):
            template = self.env.ref(template)
        whatsapp = self.filtered(lambda lead: lead.clinic_preferred_contact == "whatsapp")
        messages = self.env["mail.message"]
        if whatsapp:
            messages |= whatsapp._clinic_send_whatsapp_template(template)
        for lead in self - whatsapp:
            messages |= lead._clinic_send_sms_template(template)
        return messages

    def action_clinic_sms_followup(self):
        self._clinic_send_text_template("crm_clinic_sms.sms_template_clinic_followup")
        return True

    def action_clinic_whatsapp(self):
        """Open the message editor for a WhatsApp message to the family (follow-up text first).

        Refused at once, before anything is written, when the family cannot be reached on
        WhatsApp; sending is for those who may edit the lead.
        """
        self.ensure_one()
        self.check_access("write")
        self._clinic_check_can_text("whatsapp")
        template = self.env.ref(
            "crm_clinic_sms.sms_template_clinic_followup", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send WhatsApp"),
            "res_model": "sms.composer",
            "view_mode": "form",
            "views": [(self.env.ref("crm_clinic_sms.sms_composer_view_form_whatsapp").id, "form")],
            "target": "new",
            "context": {
                "default_composition_mode": "comment",
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_template_id": template.id if template else False,
                "clinic_sms_channel": "whatsapp",
            },
        }

    # ------------------------------------------------------------------
    # Inbound texts (Twilio webhook)
    # ------------------------------------------------------------------

    @api.model
    def _clinic_split_address(self, address):
        """``(channel, number)`` of a Twilio address: ``whatsapp:+1…`` or a bare number."""
        address = (address or "").strip()
        if address.lower().startswith(WHATSAPP_PREFIX):
            return "whatsapp", address[len(WHATSAPP_PREFIX) :].strip()
        return "sms", address

    @api.model
    def _clinic_sms_company(self, to_number):
        """The company that owns the Twilio number (or WhatsApp sender) the patient wrote to."""
        channel, to = self._clinic_split_address(to_number)
        if to and channel == "whatsapp":
            company = (
                self.env["res.company"]
                .sudo()
                .search([("clinic_whatsapp_number", "=", to)], limit=1)
            )
            if company:
                return company
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
        """Record a patient's text or WhatsApp message; return the reply to send back, if any.

        ``from_number`` is Twilio's From: a number, or ``whatsapp:+…`` for WhatsApp (the
        reply then goes back on WhatsApp, as Twilio answers on the channel it was written on).

        STOP-type words blacklist the number, START-type words lift it, HELP gets
        the clinic's contact; anything else lands in the chatter of the newest
        open lead with that phone (else the patient) of ``company`` (the owner of
        the number texted) and notifies the coordinator.
        """
        body = (body or "").strip()
        word = body.upper().strip(" .!")
        channel, from_number = self._clinic_split_address(from_number)
        whatsapp = channel == "whatsapp"
        if not from_number:
            return None
        number = self._phone_format(
            number=from_number, country=company.country_id, force_format="E164"
        )
        if not number:
            return None
        # One opt-out per number: STOP on WhatsApp stops the texts too, and the reverse.
        Blacklist = self.env["phone.blacklist"].sudo()
        reason = (
            self.env._("Wrote %s on WhatsApp", word) if whatsapp else self.env._("Texted %s", word)
        )
        if word in STOP_WORDS:
            Blacklist._add([number], message=reason)
            return None
        if word in START_WORDS:
            Blacklist._remove([number], message=reason)
            if whatsapp:
                return self.env._(
                    "%(clinic)s: you will receive our WhatsApp and text messages again. "
                    "Reply STOP to opt out.",
                    clinic=company.name,
                )
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
        note = (
            self.env._("WhatsApp message from %(number)s: %(body)s", number=number, body=body)
            if whatsapp
            else self.env._("Text message from %(number)s: %(body)s", number=number, body=body)
        )
        record.with_context(**self._clinic_sms_inbound_context()).message_post(
            body=note,
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
