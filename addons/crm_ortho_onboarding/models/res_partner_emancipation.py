# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    """An emancipated minor signs their own forms and consents.

    The emancipation is recorded with its date and evidence (court order,
    marriage or military record: a document, a note or both) and every change
    is tracked in the patient's chatter.
    """

    _inherit = "res.partner"

    clinic_is_emancipated = fields.Boolean(
        string="Emancipated",
        tracking=True,
        help="A minor legally emancipated (court order, marriage, military service): "
        "signs their own intake forms and consents.",
    )
    clinic_emancipation_date = fields.Date(string="Emancipated On", tracking=True)
    clinic_emancipation_note = fields.Text(
        string="Emancipation Evidence",
        tracking=True,
        help="What proves the emancipation: court, order number, who saw the document.",
    )
    clinic_emancipation_document = fields.Binary(
        string="Evidence Document", attachment=True, copy=False
    )
    clinic_emancipation_document_name = fields.Char(string="Evidence File Name", copy=False)

    @api.depends("clinic_is_minor", "clinic_is_emancipated")
    def _compute_clinic_needs_guardian(self):
        for partner in self:
            partner.clinic_needs_guardian = (
                partner.clinic_is_minor and not partner.clinic_is_emancipated
            )

    @api.constrains(
        "clinic_is_emancipated",
        "clinic_emancipation_date",
        "clinic_emancipation_note",
        "clinic_emancipation_document",
    )
    def _check_clinic_emancipation(self):
        today = fields.Date.context_today(self)
        for partner in self.filtered("clinic_is_emancipated"):
            if not partner.clinic_emancipation_date:
                raise ValidationError(
                    self.env._(
                        "Emancipation: enter the date %(name)s was emancipated.",
                        name=partner.display_name,
                    )
                )
            if partner.clinic_emancipation_date > today:
                raise ValidationError(self.env._("Emancipation: the date cannot be in the future."))
            if not (partner.clinic_emancipation_note or partner.clinic_emancipation_document):
                raise ValidationError(
                    self.env._(
                        "Emancipation: attach the court order (or other proof) or describe "
                        "the evidence you saw for %(name)s.",
                        name=partner.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "clinic_emancipation_document" in vals:
            body = (
                self.env._("Emancipation evidence document attached.")
                if vals["clinic_emancipation_document"]
                else self.env._("Emancipation evidence document removed.")
            )
            for partner in self:
                partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        return res
