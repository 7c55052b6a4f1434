# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .clinic_intake_request import DEFAULT_LINK_DAYS, LINK_DAYS_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_intake_link_days = fields.Integer(
        string="Intake Links Work (days after the due date)",
        config_parameter=LINK_DAYS_PARAM,
        default=DEFAULT_LINK_DAYS,
        help="After this many days past a form's due date, the link sent to the family "
        "stops working; sending the forms again gives a new link.",
    )
