# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .referral_tools import LETTER_EVENTS, SEND_LETTERS

_logger = logging.getLogger(__name__)

REPORT = "crm_referrals.action_report_referral_letter"


class ClinicReferralLetter(models.Model):
    """A letter to a referring provider about one referral and one event.

    The text comes from the event's mail template (editable by the clinic, with
    merge fields) and can be touched up before sending; the PDF is a QWeb report
    on the practice letterhead. Sending posts the letter with its PDF in the
    provider's chatter (e-mailed to them) or queues it for print or fax. One
    letter per provider, referral, event and report number: nothing goes twice.
    """

    _name = "clinic.referral.letter"
    _description = "Referral Letter"
    _inherit = ["mail.thread"]
    _order = "date_due desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    referral_id = fields.Many2one("clinic.referral", required=True, index=True, ondelete="cascade")
    provider_id = fields.Many2one("res.partner", required=True, index=True, ondelete="restrict")
    patient_name = fields.Char(related="referral_id.patient_name")
    company_id = fields.Many2one(related="referral_id.company_id", store=True, index=True)
    event = fields.Selection(LETTER_EVENTS, required=True, tracking=True)
    sequence = fields.Integer(
        string="Report No.", default=0, help="Progress reports are numbered; 0 for the others."
    )
    template_id = fields.Many2one(
        "mail.template",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        domain="[('model', '=', 'clinic.referral.letter')]",
    )
    subject = fields.Char()
    body_html = fields.Html(string="Letter", sanitize_style=True)
    signatory_id = fields.Many2one(
        "res.users",
        string="Signed by",
        compute="_compute_signatory_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
        help="The clinician or coordinator who signs the letter, with the title on their "
        "user (Preferences > Clinic CRM). Empty: the referral's coordinator.",
    )
    state = fields.Selection(
        [
            ("scheduled", "Scheduled"),
            ("draft", "To Send"),
            ("to_print", "To Print"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        help="Scheduled letters go out by themselves on their due date; letters to send "
        "wait for staff; letters to print wait for the post or fax.",
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("print", "Print / fax")], readonly=True, tracking=True
    )
    date_due = fields.Date(string="Due", required=True, default=fields.Date.context_today)
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True, copy=False)
    note = fields.Char(readonly=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)

    _event_once = models.Constraint(
        "UNIQUE(provider_id, referral_id, event, sequence)",
        "This letter was already prepared for this provider and referral.",
    )

    @api.depends("event", "sequence", "referral_id.patient_name")
    def _compute_name(self):
        labels = dict(self._fields["event"]._description_selection(self.env))
        for letter in self:
            label = labels.get(letter.event, "")
            if letter.event == "progress_report" and letter.sequence:
                label = f"{label} #{letter.sequence}"
            letter.name = " – ".join(filter(None, [label, letter.referral_id.patient_name]))

    @api.depends("referral_id.user_id")
    def _compute_signatory_id(self):
        """The referral's coordinator signs; else the person preparing the letter.

        A letter queued by a scheduled job would otherwise be signed by OdooBot.
        """
        for letter in self:
            if letter.signatory_id:
                continue
            for user in (letter.referral_id.user_id, self.env.user):
                if user._clinic_is_letter_signer():
                    letter.signatory_id = user
                    break
            else:
                letter.signatory_id = False

    def _clinic_signer(self):
        """Who signs the printed letter: a person with a title, never OdooBot."""
        self.ensure_one()
        for user in (
            self.signatory_id,
            self.referral_id.user_id,
            self.sent_by_id,
            self.referral_id.create_uid,
        ):
            if user and user._clinic_is_letter_signer():
                return user
        return self.env["res.users"]

    @api.depends("event")
    def _compute_template_id(self):
        for letter in self:
            letter.template_id = self.env.ref(
                f"crm_referrals.mail_template_referral_{letter.event}", raise_if_not_found=False
            )

    @api.model_create_multi
    def create(self, vals_list):
        letters = super().create(vals_list)
        letters.filtered(lambda x: not x.body_html)._clinic_render_text()
        return letters

    def _clinic_render_text(self):
        """Fill subject and body from the event's template (merge fields resolved now)."""
        for template, letters in self.grouped("template_id").items():
            if not template:
                continue
            template = template.sudo()  # rendering is template-owner business, not the reader's
            subjects = template._render_field("subject", letters.ids, compute_lang=True)
            bodies = template._render_field("body_html", letters.ids, compute_lang=True)
            for letter in letters:
                letter.write({"subject": subjects[letter.id], "body_html": bodies[letter.id]})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _clinic_check_send_letters(self):
        if not self.env.su and not self.env.user.has_group(SEND_LETTERS):
            raise AccessError(
                self.env._("Only staff allowed to send referral letters can send or print them.")
            )

    def action_refresh_text(self):
        """Render the template again (e.g. after the findings were filled in)."""
        self._clinic_check_send_letters()
        if any(letter.state in ("sent", "cancelled") for letter in self):
            raise UserError(self.env._("A sent or cancelled letter cannot be rewritten."))
        self._clinic_render_text()
        return True

    def action_send(self):
        """Send by e-mail, or queue for print/fax (also the batch action of the list)."""
        self._clinic_check_send_letters()
        letters = self.filtered(lambda x: x.state in ("scheduled", "draft"))
        if not letters:
            raise UserError(
                self.env._(
                    "Nothing to send: these letters were already sent, printed or cancelled."
                )
            )
        letters._clinic_send()
        return True

    def action_mark_printed(self):
        self._clinic_check_send_letters()
        letters = self.filtered(lambda x: x.state == "to_print")
        if not letters:
            raise UserError(self.env._("Only letters waiting for print can be marked printed."))
        letters.write(
            {"state": "sent", "date_sent": fields.Datetime.now(), "sent_by_id": self.env.uid}
        )
        return True

    def action_cancel(self):
        self._clinic_check_send_letters()
        if any(letter.state == "sent" for letter in self):
            raise UserError(self.env._("A letter already sent cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self._clinic_check_send_letters()
        self.filtered(lambda x: x.state == "cancelled").write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _clinic_render_pdf(self):
        self.ensure_one()
        content, _report_type = self.env["ir.actions.report"]._render_qweb_pdf(REPORT, self.ids)
        return content

    def _clinic_send(self):
        for letter in self:
            provider = letter.provider_id
            filename = f"{letter.name or letter.event}.pdf".replace("/", "-")
            pdf = letter._clinic_render_pdf()
            by_email = provider.clinic_referral_communication in (False, "email")
            values = {"date_sent": fields.Datetime.now(), "sent_by_id": self.env.uid}
            # The history belongs to the provider's chatter; posting there needs write access
            # on partners, which the sending right (checked above) stands in for.
            thread = provider.sudo()
            if by_email and provider.email:
                message = thread.message_post(
                    body=letter.body_html,
                    subject=letter.subject or letter.name,
                    partner_ids=provider.ids,
                    attachments=[(filename, pdf)],
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    author_id=self.env.user.partner_id.id,
                )
                values.update(state="sent", channel="email", note=False)
            else:
                if by_email:
                    note = self.env._(
                        "%(provider)s has no e-mail address: the letter is queued for print.",
                        provider=provider.display_name,
                    )
                elif provider.clinic_referral_communication == "fax":
                    note = self.env._(
                        "Fax the PDF to %(provider)s.", provider=provider.display_name
                    )
                else:
                    note = self.env._("Print and post the letter.")
                message = thread.message_post(
                    body=Markup("<p>%s</p><p>%s</p>")
                    % (
                        self.env._("Letter ready to print: %(name)s", name=letter.name),
                        note,
                    ),
                    attachments=[(filename, pdf)],
                    subtype_xmlid="mail.mt_note",
                    author_id=self.env.user.partner_id.id,
                )
                values.update(state="to_print", channel="print", note=note)
                values.pop("date_sent")
            values["attachment_id"] = message.attachment_ids[:1].id
            letter.write(values)
            if letter.note:
                letter._message_log(body=letter.note)

    @api.model
    def _cron_send_due_letters(self, batch_size=50):
        """Send the scheduled letters due today or earlier (the automatic thank-yous)."""
        domain = [("state", "=", "scheduled"), ("date_due", "<=", fields.Date.context_today(self))]
        while True:
            letters = self.search(domain, limit=batch_size).try_lock_for_update()
            if not letters:
                break
            for letter in letters:
                try:
                    with self.env.cr.savepoint():
                        letter._clinic_send()
                except Exception:
                    # One bad letter (e.g. a template error) must not block the others.
                    _logger.exception("Referral letter %s could not be sent", letter.id)
                    letter.write({"state": "draft", "note": self.env._("Automatic send failed.")})
            remaining = self.search_count(domain)
            if not self.env["ir.cron"]._commit_progress(len(letters), remaining=remaining):
                break
