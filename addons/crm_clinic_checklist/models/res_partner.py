# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.fields import Domain


class ResPartner(models.Model):
    """Events known only by patient (a consent, records) tick the patient's opportunities."""

    _inherit = "res.partner"

    def _clinic_checklist_open_leads(self):
        """The active opportunities of these patients that have an onboarding checklist."""
        if not self:
            return self.env["crm.lead"]
        return (
            self.env["crm.lead"]
            .sudo()
            .search(
                (Domain("clinic_patient_id", "in", self.ids) | Domain("partner_id", "in", self.ids))
                & Domain("type", "=", "opportunity")
                & Domain("clinic_checklist_template_id", "!=", False)
            )
        )

    def _clinic_checklist_event(self, event_code, note=None):
        """Tick ``event_code`` items on the patients' open opportunities."""
        return self._clinic_checklist_open_leads()._clinic_checklist_event(event_code, note=note)
