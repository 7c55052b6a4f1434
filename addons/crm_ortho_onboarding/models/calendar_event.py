# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Consult outcome → follow-up status code the lead enters.
OUTCOME_STATUS = {
    "attended": "visit_completed",
    "no_show": "appointment_canceled",
    "canceled": "appointment_canceled",
}


class CalendarEvent(models.Model):
    """A consultation is a calendar event of the lead (crm's opportunity_id) with an outcome."""

    _inherit = "calendar.event"

    clinic_is_consult = fields.Boolean(string="Consultation", tracking=True)
    clinic_doctor_id = fields.Many2one(
        "res.users", string="Doctor", domain="[('share', '=', False)]", tracking=True
    )
    clinic_outcome = fields.Selection(
        [("attended", "Attended"), ("no_show", "No-show"), ("canceled", "Canceled")],
        string="Outcome",
        tracking=True,
        help="What happened; it sets the lead's follow-up status (attended → Visit completed, "
        "no-show or canceled → Appointment canceled, with a rebooking call).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        for event in events.filtered(lambda e: e.clinic_is_consult and e.opportunity_id):
            event._clinic_set_lead_status(
                "appointment_scheduled",
                self.env._(
                    "Consultation booked for %(when)s.",
                    when=fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(event, event.start)
                    )[:16],
                ),
            )
        return events

    def write(self, vals):
        res = super().write(vals)
        if vals.get("clinic_outcome"):
            if vals["clinic_outcome"] == "attended":
                # A consult held is a meeting with the family: they were last contacted then.
                for event in self.filtered(lambda e: e.clinic_is_consult and e.opportunity_id):
                    event.opportunity_id._clinic_mark_contacted(
                        min(event.start, fields.Datetime.now())
                    )
            label = dict(self._fields["clinic_outcome"]._description_selection(self.env))
            for event in self.filtered(lambda e: e.clinic_is_consult and e.opportunity_id):
                event._clinic_set_lead_status(
                    OUTCOME_STATUS[vals["clinic_outcome"]],
                    self.env._(
                        "Consultation outcome: %(outcome)s.", outcome=label[vals["clinic_outcome"]]
                    ),
                )
        return res

    def _clinic_set_lead_status(self, code, note):
        self.ensure_one()
        status = self.env["clinic.followup.status"].search([("code", "=", code)], limit=1)
        if status:
            # Whoever records the outcome (a doctor may only read leads) moves the lead on.
            self.opportunity_id.sudo().with_context(clinic_status_note=note).write(
                {"clinic_followup_status_id": status.id}
            )
            self.opportunity_id.sudo()._message_log(body=note)

    def action_clinic_attended(self):
        return self.write({"clinic_outcome": "attended"})

    def action_clinic_no_show(self):
        return self.write({"clinic_outcome": "no_show"})

    def action_clinic_canceled(self):
        return self.write({"clinic_outcome": "canceled"})
