# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError

IAP_ALLOWED_PARAM = "crm_ortho_onboarding.iap_allowed"


class ClinicIapGate(models.AbstractModel):
    """One switch for every call to Odoo's online services (IAP).

    partner_autocomplete and crm_iap_mine install themselves with crm + iap_mail, and
    crm_iap_enrich with crm + sms: they are always there. Their calls carry what staff
    type (a patient's or guardian's name, an e-mail domain) to Odoo's servers, so each
    is refused until an administrator opts in under Settings > CRM > Clinic privacy.
    """

    _name = "clinic.iap.gate"
    _description = "Clinic: opt-in gate for Odoo's online services"

    @api.model
    def _clinic_iap_allowed(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param(IAP_ALLOWED_PARAM))

    @api.model
    def _clinic_iap_refusal(self):
        return self.env._(
            "Odoo's online services (partner autocomplete, lead enrichment and lead mining) "
            "are off to keep patients' data on the clinic's server. An administrator can "
            "allow them in Settings > CRM > Clinic privacy."
        )

    @api.model
    def _clinic_check_iap_allowed(self):
        if not self._clinic_iap_allowed():
            raise UserError(self._clinic_iap_refusal())
