# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_consult_lag_days_adult = fields.Integer(
        string="Consult Lag, Adults (days)",
        config_parameter="crm_ortho_onboarding.consult_lag_days_adult",
        default=10,
        help="Booking an adult's consultation further out than this warns the scheduler.",
    )
    clinic_consult_lag_days_adolescent = fields.Integer(
        string="Consult Lag, Adolescents (days)",
        config_parameter="crm_ortho_onboarding.consult_lag_days_adolescent",
        default=20,
        help="Booking a minor's consultation further out than this warns the scheduler.",
    )
