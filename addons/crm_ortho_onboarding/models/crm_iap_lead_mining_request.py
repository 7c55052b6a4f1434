# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmIapLeadMiningRequest(models.Model):
    """Lead mining calls Odoo's servers; off like every IAP service until an admin opts in."""

    _name = "crm.iap.lead.mining.request"
    _inherit = ["crm.iap.lead.mining.request", "clinic.iap.gate"]

    def _iap_contact_mining(self, params, timeout=300):
        self._clinic_check_iap_allowed()
        return super()._iap_contact_mining(params, timeout=timeout)
