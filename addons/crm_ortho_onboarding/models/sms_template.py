# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SmsTemplate(models.Model):
    _name = "sms.template"
    _inherit = ["sms.template", "clinic.template.phi.mixin"]
    _clinic_phi_text_fields = ("body",)

    @api.constrains("body", "model_id", "clinic_phi_reviewed")
    def _check_clinic_phi_disclosure(self):
        self._clinic_check_phi()

    def write(self, vals):
        self._clinic_phi_before_write(vals)
        return super().write(vals)
