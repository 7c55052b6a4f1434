# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicRecordsType(models.Model):
    """A kind of record a requester can ask for (chart notes, X-rays, billing...)."""

    _name = "clinic.records.type"
    _description = "Medical Record Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
