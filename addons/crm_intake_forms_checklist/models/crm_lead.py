# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    """Intake forms and consents done before the checklist started count as done items."""

    _inherit = "crm.lead"

    def _clinic_checklist_past_events(self):
        result = super()._clinic_checklist_past_events()
        requests = self._clinic_documents_by_lead(
            "clinic.intake.request", [("state", "in", ("sent", "in_progress", "done"))]
        )
        patients = self.clinic_patient_id
        consents = self.env["clinic.consent"].sudo().search([("patient_id", "in", patients.ids)])
        for lead in self:
            mine = requests[lead.id]
            if mine:
                result[lead.id].add("intake_sent")
            if mine.filtered(lambda r: r.state == "done"):
                result[lead.id].add("intake_completed")
            if lead.clinic_patient_id and lead.clinic_patient_id in consents.patient_id:
                result[lead.id].add("consent_signed")
        return result
