# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicCachedRulesMixin(models.AbstractModel):
    """Rules read through ``tools.ormcache`` lookups: any change to a rule empties the
    registry's caches so the next lookup sees it (in every worker, through the signal)."""

    _name = "clinic.cached.rules.mixin"
    _description = "Rules cached in the registry"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
