# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IapAutocompleteApi(models.AbstractModel):
    """Partner autocomplete sends what is typed in a contact's name to Odoo's servers."""

    _name = "iap.autocomplete.api"
    _inherit = ["iap.autocomplete.api", "clinic.iap.gate"]

    @api.model
    def _request_partner_autocomplete(self, action, params, timeout=15):
        # Every suggestion, enrichment and company lookup comes here: answer "no data"
        # quietly (it is called on each keystroke) unless an admin opted in.
        if not self._clinic_iap_allowed():
            return False, self._clinic_iap_refusal()
        return super()._request_partner_autocomplete(action, params, timeout=timeout)

    @api.model
    def _contact_iap(self, local_endpoint, action, params, timeout=15):
        self._clinic_check_iap_allowed()
        return super()._contact_iap(local_endpoint, action, params, timeout=timeout)
