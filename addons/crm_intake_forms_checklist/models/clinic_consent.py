# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicConsent(models.Model):
    """A signed consent ticks the patient's onboarding checklist."""

    _inherit = "clinic.consent"

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents.patient_id._clinic_checklist_event("consent_signed")
        return consents
