# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.fields import Domain


class CrmLead(models.Model):
    """Intake forms and consents done before the checklist started count as done items."""

    _inherit = "crm.lead"

    def _clinic_required_consent_categories(self):
        """The consents this opportunity's patient must sign (consent categories): those of
        the pipeline's intake packet that suit the patient's age, and every consent form
        sent to the patient for this opportunity or without one, unless cancelled."""
        self.ensure_one()
        patient = self.clinic_patient_id or self.partner_id
        if not patient:
            return set()
        lead = self.sudo()
        packet = (
            self.env["clinic.intake.send"]
            .sudo()
            ._clinic_proposed_templates(False, lead.team_id, patient.sudo())
        )
        requests = (
            self.env["clinic.intake.request"]
            .sudo()
            .search(
                Domain("patient_id", "=", patient.id)
                & (Domain("lead_id", "=", self.id) | Domain("lead_id", "=", False))
                & Domain("state", "!=", "cancel")
            )
        )
        surveys = (packet | requests.survey_id).filtered("clinic_is_consent")
        return set(surveys.mapped("clinic_intake_category"))

    def _clinic_all_consents_signed(self):
        """Every consent the patient must sign has a valid signature (and at least one does)."""
        self.ensure_one()
        patient = self.clinic_patient_id or self.partner_id
        if not patient:
            return False
        signed = set(
            self.env["clinic.consent"]
            .sudo()
            .search([("patient_id", "=", patient.id), ("state", "=", "valid")])
            .mapped("consent_type")
        )
        return bool(signed) and self._clinic_required_consent_categories() <= signed

    def _clinic_checklist_past_events(self):
        result = super()._clinic_checklist_past_events()
        requests = self._clinic_documents_by_lead(
            "clinic.intake.request", [("state", "in", ("sent", "in_progress", "done"))]
        )
        patients = self.clinic_patient_id
        consents = (
            self.env["clinic.consent"]
            .sudo()
            .search([("patient_id", "in", patients.ids), ("state", "=", "valid")])
        )
        for lead in self:
            mine = requests[lead.id]
            if mine:
                result[lead.id].add("intake_sent")
            if mine.filtered(lambda r: r.state == "done"):
                result[lead.id].add("intake_completed")
            patient_consents = consents.filtered(
                lambda consent, lead=lead: consent.patient_id == lead.clinic_patient_id
            )
            if not lead.clinic_patient_id or not patient_consents:
                continue
            if "financial_agreement" in patient_consents.mapped("consent_type"):
                result[lead.id].add("financial_agreement_signed")
            if lead._clinic_all_consents_signed():
                result[lead.id].add("consent_signed")
        return result
