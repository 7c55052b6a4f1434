# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    """The consent to texts recorded with a web or API submission is the lead's own."""

    _inherit = "crm.lead"

    def _clinic_has_sms_consent(self):
        self.ensure_one()
        return self.clinic_consent_sms or super()._clinic_has_sms_consent()
