# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    """A product a clinic invoices for a procedure carries that procedure's code: the
    dashboard's revenue by procedure type groups invoice lines by it."""

    _inherit = "product.template"

    clinic_procedure_code = fields.Char(
        string="Procedure Code",
        index="btree_not_null",
        help="The procedure this product bills (e.g. the CDT code D8080, as on treatment "
        "plans): the clinic dashboard counts its invoice lines as that procedure type.",
    )

    @api.model
    def _clinic_normalize_code(self, vals):
        # Codes group as typed on procedures ("D8080"): keep one spelling.
        if vals.get("clinic_procedure_code"):
            vals["clinic_procedure_code"] = vals["clinic_procedure_code"].strip().upper()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._clinic_normalize_code(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._clinic_normalize_code(dict(vals)))
