# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicConsent(models.Model):
    """Signed consents tick the patient's onboarding checklist.

    "All consents signed" ticks once every consent the patient needs is signed
    (crm.lead._clinic_all_consents_signed), not on the first one; a signed financial
    agreement ticks "Financial agreement signed".
    """

    _inherit = "clinic.consent"

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents._clinic_checklist_notify()
        return consents

    def _clinic_checklist_notify(self):
        for patient in self.patient_id:
            leads = patient._clinic_checklist_open_leads()
            if not leads:
                continue
            mine = self.filtered(lambda consent, patient=patient: consent.patient_id == patient)
            if "financial_agreement" in mine.mapped("consent_type"):
                leads._clinic_checklist_event("financial_agreement_signed")
            leads.filtered(lambda lead: lead._clinic_all_consents_signed())._clinic_checklist_event(
                "consent_signed"
            )
