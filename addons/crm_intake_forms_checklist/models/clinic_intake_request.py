# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ClinicIntakeRequest(models.Model):
    """Forms sent and forms completed tick the onboarding checklist."""

    _inherit = "clinic.intake.request"

    def _clinic_send(self, send_sms=False):
        res = super()._clinic_send(send_sms=send_sms)
        self.filtered(
            lambda r: r.state in ("sent", "in_progress", "done")
        )._clinic_checklist_notify("intake_sent")
        return res

    def _clinic_on_survey_done(self):
        res = super()._clinic_on_survey_done()
        self.filtered(lambda r: r.state == "done")._clinic_checklist_notify("intake_completed")
        return res

    def _clinic_checklist_notify(self, event_code):
        """Tell the checklist: on the lead if known, else on the patient's open opportunities."""
        with_lead = self.filtered("lead_id")
        with_lead.lead_id._clinic_checklist_event(event_code)
        (self - with_lead).patient_id._clinic_checklist_event(event_code)
