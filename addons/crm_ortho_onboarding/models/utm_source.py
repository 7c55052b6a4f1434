# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class UtmSource(models.Model):
    """A marketing source can mark its leads urgent (e.g. an emergency-line ad) and say
    which clinic leads it is for (job boards: practitioner applicants only)."""

    _inherit = "utm.source"

    clinic_lead_type = fields.Selection(
        [("patient", "Patient leads"), ("practitioner", "Practitioner leads")],
        string="Leads",
        help="Which clinic leads come from this source (empty: any). Job boards (Monster, "
        "Glassdoor) are for practitioner applicants: a patient lead's form does not offer "
        "them.",
    )
    clinic_is_urgent = fields.Boolean(
        string="Urgent Leads", help="Leads from this source start with high urgency."
    )
