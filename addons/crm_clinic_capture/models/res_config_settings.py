# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_capture_dedupe_minutes = fields.Integer(
        string="Repeat Window (minutes)",
        config_parameter="crm_ortho_onboarding.capture_dedupe_minutes",
        default=60,
        help="A web or API submission about the same person within this window returns the "
        "recent lead instead of creating another.",
    )
