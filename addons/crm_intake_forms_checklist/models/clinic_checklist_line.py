# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

FINANCIAL_AGREEMENT_EVENT = [("financial_agreement_signed", "Financial agreement signed")]


class ClinicChecklistTemplateLine(models.Model):
    """The signed financial agreement form ticks its checklist item."""

    _inherit = "clinic.checklist.template.line"

    event_code = fields.Selection(
        selection_add=FINANCIAL_AGREEMENT_EVENT,
        ondelete={"financial_agreement_signed": "set null"},
    )


class ClinicChecklistLine(models.Model):
    _inherit = "clinic.checklist.line"

    event_code = fields.Selection(
        selection_add=FINANCIAL_AGREEMENT_EVENT,
        ondelete={"financial_agreement_signed": "set null"},
    )
