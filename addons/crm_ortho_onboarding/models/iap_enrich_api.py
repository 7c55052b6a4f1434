# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IapEnrichApi(models.AbstractModel):
    """Lead enrichment sends leads' e-mail domains to Odoo's servers."""

    _name = "iap.enrich.api"
    _inherit = ["iap.enrich.api", "clinic.iap.gate"]

    @api.model
    def _contact_iap(self, local_endpoint, params):
        self._clinic_check_iap_allowed()
        return super()._contact_iap(local_endpoint, params)
