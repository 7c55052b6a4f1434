# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicInsurancePolicy(models.Model):
    """Intake's side of a coverage: the request that declared it and the card pictures.

    The coverage itself (payer, member id, dates…) is defined in crm_ortho_onboarding.
    """

    _inherit = "clinic.insurance.policy"

    request_id = fields.Many2one("clinic.intake.request", string="Intake Request", index=True)
    card_front = fields.Image(string="Card (front)", max_width=1024, max_height=1024)
    card_back = fields.Image(string="Card (back)", max_width=1024, max_height=1024)
