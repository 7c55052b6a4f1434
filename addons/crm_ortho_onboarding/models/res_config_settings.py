# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clinic_urgent_keywords = fields.Char(
        string="Urgent Words",
        config_parameter="crm_ortho_onboarding.urgent_keywords",
        help="Comma-separated words or phrases; a lead whose message contains one is urgent.",
    )
    clinic_first_contact_sla_minutes = fields.Integer(
        string="First Contact Within (minutes)",
        config_parameter="crm_ortho_onboarding.first_contact_sla_minutes",
        default=15,
        help="Web and API leads get a first call due this many minutes later, counted in the "
        "company's working hours.",
    )
    clinic_iap_allowed = fields.Boolean(
        string="Allow Odoo's Online Services",
        config_parameter="crm_ortho_onboarding.iap_allowed",
        help="Partner autocomplete, lead enrichment and lead mining send names, e-mail "
        "domains and search words to Odoo's servers (IAP). Off by default so that no "
        "patient data leaves the clinic's server.",
    )
