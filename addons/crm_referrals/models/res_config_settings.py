# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_referral_auto_thank_you = fields.Boolean(
        string="Automatic Thank-you Letters",
        config_parameter="crm_referrals.auto_thank_you",
        help="Send the thank-you letter to the referring provider automatically.",
    )
    clinic_referral_thank_you_delay = fields.Integer(
        string="Thank-you Delay (days)",
        config_parameter="crm_referrals.thank_you_delay_days",
        default=1,
        help="Days after the referral date the thank-you letter goes out.",
    )
    clinic_referral_progress_months = fields.Integer(
        string="Progress Report Every (months)",
        config_parameter="crm_referrals.progress_report_months",
        default=6,
        help="During treatment, a progress report for the referring provider is prepared "
        "this many months after the start and every such period after that (0: never).",
    )
    clinic_referral_liaison_id = fields.Many2one(
        "res.users",
        string="Referral Liaison",
        config_parameter="crm_referrals.liaison_user_id",
        domain="[('share', '=', False)]",
        help="Who gets the lapsed-referrer follow-ups when the provider has no salesperson.",
    )
