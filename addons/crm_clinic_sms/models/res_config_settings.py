# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_whatsapp_number = fields.Char(
        related="company_id.clinic_whatsapp_number", readonly=False
    )
