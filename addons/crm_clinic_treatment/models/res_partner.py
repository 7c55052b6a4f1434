# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """A patient's next recall date, from their open recalls."""

    _inherit = "res.partner"

    clinic_recall_ids = fields.One2many("clinic.recall", "patient_id", string="Recalls")
    clinic_next_recall_date = fields.Date(
        string="Next Recall",
        compute="_compute_clinic_next_recall_date",
        store=True,
        index="btree_not_null",
    )

    @api.depends("clinic_recall_ids.date_due", "clinic_recall_ids.state")
    def _compute_clinic_next_recall_date(self):
        for partner in self:
            dates = partner.clinic_recall_ids.filtered(lambda r: r.state == "open").mapped(
                "date_due"
            )
            partner.clinic_next_recall_date = min(dates) if dates else False
