# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResPartner(models.Model):
    """Patients belong to the clinic (company) that registers them; opening one is audited."""

    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        # A patient without a company would be visible to every clinic of the database
        # (Odoo's partner rule lets company-less contacts through).
        for vals in vals_list:
            if vals.get("clinic_is_patient") and "company_id" not in vals:
                vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def _clinic_audit_read_scope(self):
        return self.sudo().filtered(lambda p: p.clinic_is_patient or p.clinic_is_guardian)
