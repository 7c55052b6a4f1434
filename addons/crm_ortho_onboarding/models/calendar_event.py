# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

# Consult outcome → follow-up status code the lead enters.
OUTCOME_STATUS = {
    "attended": "visit_completed",
    "no_show": "appointment_canceled",
    "canceled": "appointment_canceled",
}


def _doctor_domain(model):
    # The Doctor role itself, not the roles that imply its permissions (Clinic Admin
    # holds them too, but is not who sees the patient at a consult).
    return [
        ("share", "=", False),
        ("group_ids", "in", model.env.ref("crm_ortho_onboarding.group_clinic_doctor").ids),
    ]


class CalendarEvent(models.Model):
    """A consultation is a calendar event of the lead (crm's opportunity_id) with an outcome."""

    _inherit = "calendar.event"

    clinic_is_consult = fields.Boolean(string="Consultation", tracking=True)
    clinic_doctor_id = fields.Many2one(
        "res.users",
        string="Doctor",
        domain=_doctor_domain,
        tracking=True,
        help="The doctor who sees the family; invited, so the consult is in their calendar.",
    )
    clinic_outcome = fields.Selection(
        [("attended", "Attended"), ("no_show", "No-show"), ("canceled", "Canceled")],
        string="Outcome",
        tracking=True,
        help="What happened; it sets the lead's follow-up status (attended → Visit completed, "
        "no-show or canceled → Appointment canceled, with a rebooking call).",
    )
    clinic_has_started = fields.Boolean(
        compute="_compute_clinic_has_started",
        help="The consult's start has passed: its outcome can be recorded.",
    )

    @api.depends("start")
    def _compute_clinic_has_started(self):
        now = fields.Datetime.now()
        for event in self:
            event.clinic_has_started = bool(event.start) and event.start <= now

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("clinic_doctor_id"):
                doctor = self.env["res.users"].browse(vals["clinic_doctor_id"])
                vals["partner_ids"] = [
                    *vals.get("partner_ids", []),
                    Command.link(doctor.partner_id.id),
                ]
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
        previous_doctors = {}
        if "clinic_doctor_id" in vals:
            previous_doctors = {event: event.clinic_doctor_id for event in self}
        res = super().write(vals)
        if previous_doctors:
            self._clinic_invite_doctor(previous_doctors)
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

    def _clinic_invite_doctor(self, previous_doctors):
        """Invite the consult's doctor instead of the one it had before (if any)."""
        for event in self:
            previous = previous_doctors.get(event)
            if previous == event.clinic_doctor_id:
                continue
            commands = []
            if previous and previous.partner_id != event.user_id.partner_id:
                commands.append(Command.unlink(previous.partner_id.id))
            if event.clinic_doctor_id:
                commands.append(Command.link(event.clinic_doctor_id.partner_id.id))
            if commands:
                event.partner_ids = commands

    def _clinic_set_lead_status(self, code, note):
        self.ensure_one()
        status = self.env["clinic.followup.status"].search([("code", "=", code)], limit=1)
        if status:
            # Whoever records the outcome (a doctor may only read leads) moves the lead on.
            # The note and the changes are logged as one message (_clinic_log_status_note).
            self.opportunity_id.sudo().with_context(clinic_status_note=note).write(
                {"clinic_followup_status_id": status.id}
            )

    def _clinic_record_outcome(self, outcome):
        not_started = self.filtered(lambda e: not e.clinic_has_started)
        if not_started:
            raise UserError(
                self.env._(
                    "The consultation “%(name)s” has not started yet: record what happened "
                    "once its time has come.",
                    name=not_started[0].name,
                )
            )
        return self.write({"clinic_outcome": outcome})

    def action_clinic_attended(self):
        return self._clinic_record_outcome("attended")

    def action_clinic_no_show(self):
        return self._clinic_record_outcome("no_show")

    def action_clinic_canceled(self):
        return self._clinic_record_outcome("canceled")
