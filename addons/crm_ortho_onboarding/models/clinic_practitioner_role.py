# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicPractitionerRole(models.Model):
    """Roles a practitioner applies for (BCBA, Orthodontist, Hygienist…), set up by admins."""

    _name = "clinic.practitioner.role"
    _description = "Practitioner Role"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used by integrations, e.g. BCBA or RBT.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    requires_npi = fields.Boolean(
        string="Requires NPI",
        help="Licensed providers (BCBA, orthodontist…) need an NPI number before hiring.",
    )

    _name_unique = models.Constraint("UNIQUE(name)", "A practitioner role with this name exists.")
