# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLostReason(models.Model):
    """A lost reason may stand for a hesitation (cost, insurance...) and start its cadence."""

    _inherit = "crm.lost.reason"

    clinic_hesitation_reason_id = fields.Many2one(
        "clinic.hesitation.reason", string="Hesitation Cadence", ondelete="set null"
    )
