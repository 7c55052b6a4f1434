# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class UtmSource(models.Model):
    """A marketing source can mark its leads urgent (e.g. an emergency-line ad)."""

    _inherit = "utm.source"

    clinic_is_urgent = fields.Boolean(
        string="Urgent Leads", help="Leads from this source start with high urgency."
    )
