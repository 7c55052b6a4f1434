# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmStage(models.Model):
    """A stage can refuse opportunities whose required checklist items are open."""

    _inherit = "crm.stage"

    clinic_checklist_required = fields.Boolean(
        string="Requires Complete Checklist",
        help="Opportunities can only enter this stage once every required onboarding "
        "checklist item is done (a clinic admin may override for one opportunity).",
    )
