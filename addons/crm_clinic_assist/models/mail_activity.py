# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailActivity(models.Model):
    """Activities scheduled by a hesitation cadence remember their step (to replace them)."""

    _inherit = "mail.activity"

    clinic_hesitation_step_id = fields.Many2one(
        "clinic.hesitation.step", ondelete="set null", index="btree_not_null", readonly=True
    )
