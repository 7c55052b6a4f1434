# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailMessageSubtype(models.Model):
    """Marks the subtype of a family's texts, which Billing and Read Only may not read."""

    _inherit = "mail.message.subtype"

    clinic_family_text = fields.Boolean(
        string="Family's Text Message",
        help="Messages of this subtype hold a family's text message: hidden from the "
        "Billing and Read Only roles (minimum necessary).",
    )
