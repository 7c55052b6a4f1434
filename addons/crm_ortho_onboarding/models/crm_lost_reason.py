# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLostReason(models.Model):
    """A disqualification reason says which leads it fits: "No insurance coverage" is for
    patients, "Credentials not verified" for practitioner applicants, and Odoo's sales
    reasons ("Not enough stock") for Odoo's own sales teams only."""

    _inherit = "crm.lost.reason"

    clinic_reason_for = fields.Selection(
        [
            ("clinic", "All clinic leads"),
            ("patient", "Patient leads"),
            ("practitioner", "Practitioner leads"),
            ("sales", "Sales teams only"),
        ],
        string="Reason For",
        default="clinic",
        required=True,
        help="The leads the Disqualify dialog offers this reason for.",
    )
