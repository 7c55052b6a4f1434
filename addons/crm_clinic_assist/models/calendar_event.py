# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from odoo.addons.crm_ortho_onboarding.models.clinic_tools import AGE_OF_MAJORITY, age_on

MAX_SLOTS = 3


class CalendarEvent(models.Model):
    """Consult-lag warning and hesitation reason on consultations.

    Kept-exam rates fall sharply when a consultation is booked more than 10 days
    out for an adult or 20 days for an adolescent (both configurable), so the
    form warns the scheduler and offers the earliest free slots of the doctor
    (or organizer) within the clinic's working hours. The warning never blocks.
    """

    _inherit = "calendar.event"

    clinic_lag_warning = fields.Char(string="Booking Lag", compute="_compute_clinic_lag_warning")
    clinic_earliest_slots = fields.Char(
        string="Earliest Free Slots", compute="_compute_clinic_lag_warning"
    )
    clinic_hesitation_reason_id = fields.Many2one(
        "clinic.hesitation.reason",
        string="Hesitation Reason",
        tracking=True,
        help="The consultation did not convert: why. It starts the reason's follow-up cadence "
        "on the lead.",
    )

    @api.model
    def _clinic_lag_limits(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("crm_ortho_onboarding.consult_lag_days_adult", 10)),
            int(params.get_param("crm_ortho_onboarding.consult_lag_days_adolescent", 20)),
        )

    def _clinic_lag_limit(self):
        """(days allowed, is adolescent) for this consultation's patient."""
        self.ensure_one()
        adult_days, adolescent_days = self._clinic_lag_limits()
        lead = self.opportunity_id
        birthdate = lead.clinic_patient_id.clinic_birthdate or lead.clinic_birthdate
        age = age_on(birthdate, fields.Date.context_today(self))
        adolescent = age is not None and age < AGE_OF_MAJORITY
        return (adolescent_days if adolescent else adult_days), adolescent

    @api.depends("start", "clinic_is_consult", "opportunity_id", "clinic_doctor_id", "duration")
    def _compute_clinic_lag_warning(self):
        today = fields.Date.context_today(self)
        for event in self:
            event.clinic_lag_warning = False
            event.clinic_earliest_slots = False
            if not (event.clinic_is_consult and event.start and event.opportunity_id):
                continue
            limit, adolescent = event._clinic_lag_limit()
            days = (fields.Date.context_today(event, event.start) - today).days
            if days <= limit:
                continue
            event.clinic_lag_warning = self.env._(
                "Booked %(days)s days out: past %(limit)s days for %(who)s, fewer families keep "
                "the exam. Offer an earlier slot if you can.",
                days=days,
                limit=limit,
                who=self.env._("an adolescent") if adolescent else self.env._("an adult"),
            )
            slots = event._clinic_earliest_free_slots(limit)
            event.clinic_earliest_slots = ", ".join(
                fields.Datetime.context_timestamp(event, slot).strftime("%a %d %b %H:%M")
                for slot in slots
            ) or self.env._("No free slot within %s days.", limit)

    @api.onchange("start", "clinic_is_consult", "opportunity_id")
    def _onchange_clinic_lag_warning(self):
        if self.clinic_lag_warning:
            return {
                "warning": {
                    "title": self.env._("Consultation booked far out"),
                    "message": "%s\n%s: %s"
                    % (
                        self.clinic_lag_warning,
                        self.env._("Earliest free slots"),
                        self.clinic_earliest_slots,
                    ),
                    "type": "notification",
                }
            }
        return None

    def _clinic_earliest_free_slots(self, within_days, count=MAX_SLOTS):
        """The first free slots (UTC, naive) of the doctor or organizer, from tomorrow
        on, within the company's working hours and ``within_days`` days."""
        self.ensure_one()
        user = self.clinic_doctor_id or self.user_id or self.env.user
        company = self.env.company
        calendar = company.resource_calendar_id
        if not calendar:
            return []
        tz = pytz.timezone(user.tz or calendar.tz or "UTC")
        today = fields.Date.context_today(self)
        start = tz.localize(datetime.combine(today + timedelta(days=1), time.min))
        end = tz.localize(datetime.combine(today + timedelta(days=within_days + 1), time.min))
        length = timedelta(hours=self.duration or 1.0)
        busy = self.search(
            [
                ("partner_ids", "in", user.partner_id.ids),
                ("start", "<", end.astimezone(pytz.utc).replace(tzinfo=None)),
                ("stop", ">", start.astimezone(pytz.utc).replace(tzinfo=None)),
                ("id", "not in", self.ids if isinstance(self.id, int) else []),
            ]
        )
        taken = [(event.start, event.stop) for event in busy]
        slots = []
        for begin, stop, _meta in calendar._work_intervals_batch(start, end)[False]:
            slot = begin.astimezone(pytz.utc).replace(tzinfo=None)
            close = stop.astimezone(pytz.utc).replace(tzinfo=None)
            while slot + length <= close and len(slots) < count:
                if not any(s < slot + length and e > slot for s, e in taken):
                    slots.append(slot)
                slot += length
            if len(slots) >= count:
                break
        return slots

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        for event in events.filtered("clinic_lag_warning"):
            event.opportunity_id.sudo()._message_log(
                body=self.env._(
                    "%(warning)s Earliest free slots: %(slots)s.",
                    warning=event.clinic_lag_warning,
                    slots=event.clinic_earliest_slots,
                )
            )
        return events

    def write(self, vals):
        res = super().write(vals)
        if "clinic_hesitation_reason_id" in vals:
            for event in self.filtered("opportunity_id"):
                # A doctor recording the reason may only read leads: the cadence still starts.
                event.opportunity_id.sudo().clinic_hesitation_reason_id = (
                    event.clinic_hesitation_reason_id
                )
        return res
