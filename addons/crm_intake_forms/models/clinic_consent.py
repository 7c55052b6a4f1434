# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .intake_fields import INTAKE_CATEGORIES, SIGNER_RELATIONS

# Once signed, only these may change (revocation) – everything else is evidence.
REVOCATION_FIELDS = {"revoked_at", "revoked_by_id", "revoke_reason", "active"}


class ClinicConsent(models.Model):
    """One signed consent document: what was agreed, in which text version, by whom.

    The signature is drawn on the portal's signature pad at the end of the consent
    form, with the signer's name (Odoo Community has no e-signature app); the PDF of
    the completed form carries it, with the document's hash, and is kept with its
    own hash. A signed consent cannot be changed, only revoked. The
    signing step is replaceable: another provider only has to create this record.
    """

    _name = "clinic.consent"
    _description = "Patient Consent"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "signed_at desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    patient_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="patient_id.company_id", store=True, index=True
    )
    request_id = fields.Many2one("clinic.intake.request", string="Intake Request", index=True)
    survey_id = fields.Many2one("survey.survey", string="Template", ondelete="restrict")
    consent_type = fields.Selection(INTAKE_CATEGORIES, required=True, tracking=True)
    text_version = fields.Char(help="Hash of the consent text the signer agreed to.")
    signer_id = fields.Many2one("res.partner", string="Signed by", required=True, tracking=True)
    signer_relation = fields.Selection(SIGNER_RELATIONS, required=True, tracking=True)
    signature_name = fields.Char(string="Typed Signature", required=True)
    signature = fields.Image(string="Drawn Signature", max_width=512, max_height=256)
    signed_at = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    signer_ip = fields.Char(string="IP Address")
    signer_user_agent = fields.Char(string="User Agent")
    marketing_use = fields.Boolean(
        string="Marketing Use Allowed", help="Photo consent: images may be used in marketing."
    )
    pdf_attachment_id = fields.Many2one("ir.attachment", string="Signed PDF", readonly=True)
    pdf_hash = fields.Char(
        string="PDF SHA-256", compute="_compute_pdf_hash", store=True, readonly=True
    )
    revoked_at = fields.Datetime(readonly=True, tracking=True)
    revoked_by_id = fields.Many2one("res.users", string="Revoked by", readonly=True, tracking=True)
    revoke_reason = fields.Text(tracking=True, help="Why the consent is withdrawn.")
    document_hash = fields.Char(
        string="Document SHA-256",
        readonly=True,
        help="SHA-256 of what was signed: the consent text, the answers, the signer, the "
        "time and the drawn signature. Printed on the signed PDF.",
    )
    signature_required = fields.Boolean(
        related="survey_id.clinic_signature_required", string="Signature Required"
    )
    state = fields.Selection(
        [("valid", "Valid"), ("unsigned", "Signature missing"), ("revoked", "Revoked")],
        compute="_compute_state",
        store=True,
        help="Valid only with the drawn signature the consent form requires.",
    )

    @api.depends("consent_type", "patient_id.name", "signed_at")
    def _compute_name(self):
        labels = dict(INTAKE_CATEGORIES)
        for consent in self:
            consent.name = f"{labels.get(consent.consent_type, '')} – {consent.patient_id.name}"

    @api.depends("pdf_attachment_id")
    def _compute_pdf_hash(self):
        for consent in self:
            raw = consent.pdf_attachment_id.sudo().raw
            consent.pdf_hash = hashlib.sha256(raw).hexdigest() if raw else False

    @api.depends("revoked_at", "signature", "survey_id.clinic_signature_required")
    def _compute_state(self):
        for consent in self:
            if consent.revoked_at:
                consent.state = "revoked"
            elif consent.survey_id.clinic_signature_required and not consent.signature:
                consent.state = "unsigned"
            else:
                consent.state = "valid"

    @api.model
    def _clinic_document_hash(self, parts):
        """SHA-256 of the signed document's parts (texts, in order)."""
        digest = hashlib.sha256()
        for part in parts:
            digest.update(str(part or "").encode())
            digest.update(b"\x1e")
        return digest.hexdigest()

    @api.model
    def _clinic_relation_from_label(self, label):
        """Map the answer text of "relationship to the patient" to a relation code."""
        label = (label or "").strip().lower()
        for code, text in SIGNER_RELATIONS:
            if label in (code, text.lower()):
                return code
        return False

    @api.constrains("patient_id", "signer_id", "signer_relation")
    def _check_signer(self):
        """A minor who is not emancipated cannot sign: the signer must be a guardian
        linked to the patient. Minority follows the age of majority of the patient's
        state; an emancipated minor signs like an adult."""
        for consent in self:
            patient = consent.patient_id
            is_guardian = (
                consent.signer_id
                in patient.clinic_guardian_link_ids.filtered(
                    lambda link: link.relation != "self"
                ).guardian_id
            )
            if patient.clinic_needs_guardian and (
                consent.signer_id == patient or consent.signer_relation == "self" or not is_guardian
            ):
                raise ValidationError(
                    self.env._(
                        "%(patient)s is a minor (%(age)s, of age at %(majority)s in their "
                        "state) and not emancipated: the consent must be signed by a parent "
                        "or legal guardian linked to the patient, not by %(signer)s.",
                        patient=patient.name,
                        age=patient.clinic_age,
                        majority=patient.clinic_age_of_majority,
                        signer=consent.signer_id.name,
                    )
                )
            if (
                not patient.clinic_needs_guardian
                and consent.signer_id != patient
                and not is_guardian
            ):
                raise ValidationError(
                    self.env._(
                        "%(signer)s is neither %(patient)s nor one of their guardians.",
                        signer=consent.signer_id.name,
                        patient=patient.name,
                    )
                )

    def write(self, vals):
        # The drawn signature may be added once (portal signature pad), never replaced.
        if "signature" in vals and not any(self.mapped("signature")) and vals["signature"]:
            vals = dict(vals)
            super().write({"signature": vals.pop("signature")})
            if not vals:
                return True
        evidence = {
            name
            for name in vals
            if name not in REVOCATION_FIELDS
            and name not in ("pdf_attachment_id", "pdf_hash")
            and not name.startswith(("message_", "activity_"))
        }
        if evidence:
            raise UserError(
                self.env._("A signed consent cannot be changed; revoke it and ask for a new one.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        raise UserError(self.env._("A signed consent cannot be deleted; revoke it instead."))

    def _clinic_add_drawn_signature(self, name, image_b64):
        """Attach the signer's drawn signature (portal pad) to a consent still unsigned."""
        self.ensure_one()
        if self.state == "revoked" or self.signature:
            raise UserError(self.env._("This consent is already signed or was revoked."))
        if not image_b64:
            raise UserError(self.env._("Draw your signature before sending it."))
        self.write({"signature": image_b64})
        self.message_post(
            body=self.env._("Signature drawn by %(name)s.", name=name or self.signer_id.name),
            subtype_xmlid="mail.mt_note",
        )

    def _message_compute_author(self, author_id=None, email_from=None):
        """Signing on the portal is credited to the signer, not to "Public user"."""
        if (
            author_id is None
            and not email_from
            and len(self) == 1
            and self.signer_id
            and self.env.user._is_public()
        ):
            author_id = self.signer_id.id
        return super()._message_compute_author(author_id=author_id, email_from=email_from)

    def action_revoke(self):
        """Withdraw the consent; the reason is required and kept with who and when."""
        for consent in self.filtered(lambda c: not c.revoked_at):
            if not consent.revoke_reason:
                raise UserError(self.env._("Write why the consent is revoked before revoking it."))
            consent.write({"revoked_at": fields.Datetime.now(), "revoked_by_id": self.env.uid})
        return True
