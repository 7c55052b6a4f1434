# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicServiceTime(models.Model):
    """A time slot families ask for and practitioners offer (morning, weekend…).

    A record rather than a selection so that patients and practitioners can
    hold several, and capacity matching can intersect them.
    """

    _name = "clinic.service.time"
    _description = "Service Time"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A service time with this code exists.")
