# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ClinicRecordsRequest(models.Model):
    """Records requested from / received from a previous provider tick the onboarding checklist."""

    _inherit = "clinic.records.request"

    def _transition(self, target, extra_vals=None):
        res = super()._transition(target, extra_vals=extra_vals)
        outgoing = self.filtered(lambda request: request.direction == "outgoing")
        if target == "requested":
            outgoing._clinic_checklist_notify("records_requested")
        elif target == "completed":
            outgoing._clinic_checklist_notify("records_received")
        return res

    def _clinic_checklist_notify(self, event_code):
        """Tell the base addon's checklist hook: on the lead if known, else on the patient."""
        with_lead = self.filtered("lead_id")
        with_lead.lead_id._clinic_checklist_event(event_code)
        (self - with_lead).patient_id._clinic_checklist_event(event_code)
