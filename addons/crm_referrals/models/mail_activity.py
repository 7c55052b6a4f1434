# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailActivity(models.Model):
    """Chases of an outgoing referral are marked, so that a confirmation closes them."""

    _inherit = "mail.activity"

    clinic_is_referral_chase = fields.Boolean(readonly=True, index=True)
