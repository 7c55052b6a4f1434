# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CalendarEvent(models.Model):
    """A consultation booked or attended ticks the opportunity's checklist."""

    _inherit = "calendar.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        consults = events.filtered(lambda e: e.clinic_is_consult and e.opportunity_id)
        if consults:
            consults.opportunity_id._clinic_checklist_event("consult_scheduled")
            attended = consults.filtered(lambda e: e.clinic_outcome == "attended")
            attended.opportunity_id._clinic_checklist_event("consult_attended")
        return events

    def write(self, vals):
        res = super().write(vals)
        if vals.get("clinic_outcome") == "attended":
            self.filtered("clinic_is_consult").opportunity_id._clinic_checklist_event(
                "consult_attended"
            )
        if vals.get("clinic_is_consult") or vals.get("opportunity_id"):
            self.filtered("clinic_is_consult").opportunity_id._clinic_checklist_event(
                "consult_scheduled"
            )
        return res
