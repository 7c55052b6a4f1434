# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.fields import Domain


class ResCompany(models.Model):
    _inherit = "res.company"

    clinic_records_jurisdiction_id = fields.Many2one(
        "clinic.records.jurisdiction",
        string="Records Jurisdiction",
        domain="[('is_federal', '=', False)]",
        help="The state rule the clinic follows; empty = the rule of the company's state.",
    )
    clinic_records_warning_days = fields.Integer(string="Warn Days Before Due", default=5)
    clinic_records_link_days = fields.Integer(string="Download Link Valid (days)", default=7)
    clinic_records_max_downloads = fields.Integer(
        string="Downloads per Released Document",
        default=3,
        help="How many times each document can be downloaded through one release link.",
    )
    clinic_records_require_prepayment = fields.Boolean(string="Fee Paid Before Release")
    clinic_records_hipaa_flat_fee = fields.Boolean(
        string="HIPAA Flat Fee for E-copies",
        help="Charge patients the HIPAA flat fee (at most $6.50) for electronic copies "
        "of electronic records instead of computing actual or average costs.",
    )
    clinic_records_escalation_user_id = fields.Many2one(
        "res.users", string="Escalate Overdue Requests To"
    )
    clinic_lead_retention_days = fields.Integer(
        string="Remove Declined Leads' Data After (days)",
        help="0 = keep. Declined (lost) leads older than this are anonymised by a daily job.",
    )
    clinic_records_followup_days = fields.Integer(
        string="Follow Up Outgoing Requests Every (days)", default=7
    )

    def _clinic_records_jurisdiction(self):
        """The state rule of this clinic: the one chosen, else the company state's."""
        self.ensure_one()
        if self.clinic_records_jurisdiction_id:
            return self.clinic_records_jurisdiction_id
        if not self.state_id:
            return self.env["clinic.records.jurisdiction"]
        rules = self.env["clinic.records.jurisdiction"].search(
            [("state_id", "=", self.state_id.id), ("is_federal", "=", False)]
        )
        # A general rule fits a clinic better than one for a single provider type.
        return rules.sorted(lambda r: (r.provider_type != "any", r.sequence))[:1]

    def _clinic_records_holidays(self, date_from, date_to):
        """Public holidays (as dates) of this company between two dates.

        A public holiday is company time off that belongs to no resource, on the
        company's working-hours calendar or on all calendars.
        """
        self.ensure_one()
        start = datetime.combine(date_from, time.min)
        stop = datetime.combine(date_to, time.max)
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                Domain("resource_id", "=", False)
                & Domain("company_id", "in", [self.id, False])
                & Domain("calendar_id", "in", [self.resource_calendar_id.id, False])
                & Domain("date_from", "<=", stop)
                & Domain("date_to", ">=", start)
            )
        )
        # Leaves are stored in UTC: read their days in the calendar's time zone.
        tz = pytz.timezone(self.resource_calendar_id.tz or "UTC")
        days = set()
        for leave in leaves:
            first = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            day = max(first, date_from)
            while day <= min(last, date_to):
                days.add(day)
                day += timedelta(days=1)
        return days

    def _clinic_records_send_by(self, due):
        """The last business day on or before ``due`` (a weekend or holiday moves it back).

        Business days are the ones deadlines in business days count: Monday to
        Friday without the clinic's public holidays (see ``_clinic_records_holidays``).
        The legal due date is not moved; this is the day to send by so the records
        are out before the clinic closes.
        """
        self.ensure_one()
        if not due:
            return due
        holidays = self._clinic_records_holidays(due - timedelta(days=60), due)
        day = due
        while day.weekday() >= 5 or day in holidays:
            day -= timedelta(days=1)
        return day
