# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.misc import get_lang

FIGURES = [
    "lead_count",
    "urgent_open_count",
    "followup_today_count",
    "uncontacted_count",
    "consult_count",
    "start_count",
    "consult_rate",
    "consult_start_rate",
    "start_rate",
    "median_hours_to_contact",
    "p90_hours_to_contact",
    "appointment_due_count",
    "no_show_count",
    "no_show_rate",
]


def _ratio(part, whole):
    return 100.0 * part / whole if whole else 0.0


# A screen, not a wizard: the client action computes on a new (unsaved) record of it.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """The clinic's figures for a week, a month or a date range, one pipeline or location.

    Each KPI is defined once, here: the field's label is its name on the dashboard and
    the field's help is its definition (numerator ÷ denominator in words), shown as the
    tile's tooltip and copied in docs/USER_GUIDE.md. ``_clinic_drill_downs`` gives the
    records each figure counts. Figures are aggregate queries under the user's own
    access rights, so each person sees the numbers of the leads they may see, in a
    number of queries that does not grow with the number of leads.
    """

    _name = "clinic.crm.dashboard"
    _description = "Clinic CRM Dashboard"

    # ------------------------------------------------------------------
    # Filters
    # ------------------------------------------------------------------
    period = fields.Selection(
        [("week", "Week"), ("month", "Month"), ("custom", "Date range")],
        default="custom",
        help="Week: Monday to Sunday; month: calendar month; both around the anchor date.",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=89),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    pipeline_type = fields.Selection(
        selection="_selection_pipeline_type",
        string="Pipeline",
        help="Only the leads of pipelines of this kind (all clinic pipelines when empty).",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Location",
        domain="[('clinic_pipeline_type', '!=', False)]",
        help="Only the leads of this location's pipeline (all locations when empty).",
    )

    # ------------------------------------------------------------------
    # KPIs: label = name on the dashboard, help = definition
    # ------------------------------------------------------------------
    lead_count = fields.Integer(
        string="New Inquiries",
        compute="_compute_figures",
        help="Patient leads received in the period (by their Received date).",
    )
    consult_count = fields.Integer(
        string="Consults Booked",
        compute="_compute_figures",
        help="Patient leads received in the period that booked a consultation or started "
        "treatment (a family that started was seen).",
    )
    start_count = fields.Integer(
        string="Treatment Starts",
        compute="_compute_figures",
        help="Patient leads received in the period that have started treatment (won stage).",
    )
    consult_rate = fields.Float(
        string="Lead → Consult (%)",
        compute="_compute_figures",
        help="Leads received in the period that booked a consultation or started ÷ patient "
        "leads received in the period.",
    )
    consult_start_rate = fields.Float(
        string="Consult → Start (%)",
        compute="_compute_figures",
        help="Leads received in the period that started treatment ÷ leads received in the "
        "period that booked a consultation or started.",
    )
    start_rate = fields.Float(
        string="New-patient Conversion (%)",
        compute="_compute_figures",
        help="Leads received in the period that started treatment ÷ patient leads received "
        "in the period (lead → start).",
    )
    median_hours_to_contact = fields.Float(
        string="Median Time to First Contact (working hours)",
        compute="_compute_figures",
        help="Middle value, over the patient leads received in the period that were "
        "contacted, of the working hours (the company's opening hours and holidays) from "
        "the inquiry to the first contact.",
    )
    p90_hours_to_contact = fields.Float(
        string="90th Percentile Time to First Contact (working hours)",
        compute="_compute_figures",
        help="Nine leads in ten contacted in the period were contacted within this many "
        "working hours of their inquiry (over the patient leads received in the period "
        "that were contacted).",
    )
    appointment_due_count = fields.Integer(
        string="Appointments Due",
        compute="_compute_figures",
        help="Consultations whose time fell in the period and has passed, not canceled "
        "(attended, no-show or outcome not yet recorded).",
    )
    no_show_count = fields.Integer(
        string="No-shows",
        compute="_compute_figures",
        help="Consultations due in the period marked No-show.",
    )
    no_show_rate = fields.Float(
        string="No-show Rate (%)",
        compute="_compute_figures",
        help="Consultations due in the period marked No-show ÷ consultations due in the "
        "period (time passed, not canceled).",
    )
    urgent_open_count = fields.Integer(
        string="High Urgency, Open",
        compute="_compute_figures",
        help="Open leads (neither started nor lost) of high urgency, today.",
    )
    followup_today_count = fields.Integer(
        string="Follow-ups Today",
        compute="_compute_figures",
        help="Open leads with a follow-up or an activity due today.",
    )
    uncontacted_count = fields.Integer(
        string="New, Not Contacted",
        compute="_compute_figures",
        help="Open leads whose first contact is due and not yet made, today.",
    )

    funnel_data = fields.Json(
        compute="_compute_funnel_data",
        help="The cohort grouped by day or week, source, coordinator and furthest step.",
    )

    @api.model
    def _selection_pipeline_type(self):
        return self.env["crm.team"]._fields["clinic_pipeline_type"]._description_selection(self.env)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for board in self:
            board.display_name = self.env._("Dashboard")

    # ------------------------------------------------------------------
    # Period and scope (shared by every figure and the records behind it)
    # ------------------------------------------------------------------

    @api.model
    def _clinic_period_bounds(self, period, anchor):
        """(first day, last day) of the week or month holding ``anchor``; weeks start on
        the language's first day of the week, as Odoo's own grouping by week does."""
        if period == "week":
            first_day = int(get_lang(self.env).week_start)  # 1 = Monday … 7 = Sunday
            start = anchor - timedelta(days=(anchor.isoweekday() - first_day) % 7)
            return start, start + timedelta(days=6)
        start = anchor.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    def _clinic_bounds(self):
        """The period as UTC datetimes [start, end)."""
        self.ensure_one()
        start = datetime.combine(self.date_from, time.min)
        return start, datetime.combine(self.date_to + timedelta(days=1), time.min)

    def _clinic_previous_period(self):
        """(first day, last day) of the period of the same length just before this one."""
        self.ensure_one()
        if self.period == "week":
            return self.date_from - timedelta(days=7), self.date_from - timedelta(days=1)
        if self.period == "month":
            return self._clinic_period_bounds("month", self.date_from - timedelta(days=1))
        days = (self.date_to - self.date_from).days + 1
        return self.date_from - timedelta(days=days), self.date_from - timedelta(days=1)

    def _pipeline_domain(self):
        """Leads of the chosen pipeline kind and location (of any clinic pipeline if none),
        lost (archived) ones included: a family lost is still a lead the period received."""
        self.ensure_one()
        domain = Domain("active", "in", [True, False])
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        else:
            domain &= Domain("team_id.clinic_pipeline_type", "!=", False)
        if self.pipeline_type:
            domain &= Domain("team_id.clinic_pipeline_type", "=", self.pipeline_type)
        return domain

    def _clinic_is_filtered(self):
        """Whether a pipeline or location is chosen (records without a lead then drop out)."""
        self.ensure_one()
        return bool(self.team_id or self.pipeline_type)

    def _range_domain(self):
        """The cohort of the conversion figures: patient leads received in the period."""
        self.ensure_one()
        start, end = self._clinic_bounds()
        return (
            Domain("clinic_received_date", ">=", start)
            & Domain("clinic_received_date", "<", end)
            & Domain("clinic_lead_type", "=", "patient")
            & self._pipeline_domain()
        )

    def _clinic_appointments_due_domain(self):
        """Consultations due in the period: time in the period and passed, not canceled."""
        self.ensure_one()
        start, end = self._clinic_bounds()
        return (
            Domain("clinic_is_consult", "=", True)
            & Domain("start", ">=", start)
            & Domain("start", "<", min(end, fields.Datetime.now()))
            & (Domain("clinic_outcome", "=", False) | Domain("clinic_outcome", "!=", "canceled"))
            & Domain("opportunity_id", "any", self._pipeline_domain())
        )

    def _figure_domains(self):
        """Lead domains of the figures that count leads."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        day_start = datetime.combine(today, time.min)
        open_leads = (
            self._pipeline_domain()
            & Domain("active", "=", True)
            & Domain("won_status", "=", "pending")
        )
        in_range = self._range_domain()
        return {
            "lead_count": in_range,
            "urgent_open_count": open_leads & Domain("clinic_urgency", "=", "high"),
            "followup_today_count": open_leads
            & (
                Domain("clinic_activity_deadline", "=", today)
                | Domain("clinic_followup_date", ">=", day_start)
                & Domain("clinic_followup_date", "<", day_start + timedelta(days=1))
            ),
            "uncontacted_count": open_leads
            & Domain("clinic_first_contact_due", "!=", False)
            & Domain("clinic_first_contact_date", "=", False),
            "consult_count": in_range & Domain("clinic_funnel_step", "in", ["consult", "start"]),
            "start_count": in_range & Domain("clinic_funnel_step", "=", "start"),
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    @api.depends("date_from", "date_to", "team_id", "pipeline_type", "period")
    def _compute_figures(self):
        Lead = self.env["crm.lead"]
        for board in self:
            if not (board.date_from and board.date_to):
                board.update(dict.fromkeys(FIGURES, 0))
                continue
            # Open-lead figures: small, index-driven counts.
            domains = board._figure_domains()
            for name in ("urgent_open_count", "followup_today_count", "uncontacted_count"):
                board[name] = Lead.search_count(domains[name])
            # The period's cohort: one scan, shared with the trend and conversion tables.
            steps = {}
            for _day, _source, _user, step, count in board._clinic_funnel_data():
                steps[step] = steps.get(step, 0) + count
            leads = sum(steps.values())
            starts = steps.get("start", 0)
            consults = steps.get("consult", 0) + starts
            board.lead_count = leads
            board.consult_count = consults
            board.start_count = starts
            board.consult_rate = _ratio(consults, leads)
            board.consult_start_rate = _ratio(starts, consults)
            board.start_rate = _ratio(starts, leads)
            median, p90 = board._clinic_hours_to_contact()
            board.median_hours_to_contact = median
            board.p90_hours_to_contact = p90
            due, no_shows = board._clinic_appointments_due()
            board.appointment_due_count = due
            board.no_show_count = no_shows
            board.no_show_rate = _ratio(no_shows, due)

    def _clinic_appointments_due(self):
        """(consultations due, of which no-shows): one count over the events the user may
        see. Not a read_group: calendar hides groups on its non-public fields (the outcome)
        behind the owners' privacy, which a count of records does not."""
        Event = self.env["calendar.event"]
        query = Event._search(self._clinic_appointments_due_domain())
        outcome = Event._field_to_sql("calendar_event", "clinic_outcome", query)
        [(due, no_shows)] = self.env.execute_query(
            query.select(SQL("count(*), count(*) FILTER (WHERE %s = 'no_show')", outcome))
        )
        return due or 0, no_shows or 0

    def _clinic_hours_to_contact(self):
        """(median, 90th percentile) working hours to first contact over the period's
        contacted leads: one aggregate query, under access rules."""
        domain = self._range_domain() & Domain("clinic_first_contact_date", "!=", False)
        Lead = self.env["crm.lead"]
        query = Lead._search(domain)
        column = Lead._field_to_sql("crm_lead", "clinic_work_hours_to_first_contact", query)
        [(median, p90)] = self.env.execute_query(
            query.select(
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s), "
                    "percentile_cont(0.9) WITHIN GROUP (ORDER BY %s)",
                    column,
                    column,
                )
            )
        )
        return round(median or 0.0, 2), round(p90 or 0.0, 2)

    def _clinic_trend_unit(self):
        """The rows of the trend table: days of a week, weeks of a month or a range."""
        self.ensure_one()
        return "day" if self.period == "week" else "week"

    def _funnel_groups(self):
        """The cohort in one grouped query: [(day or week, source, coordinator, furthest
        step, leads)], shared by the figures, the trend and the conversion tables."""
        self.ensure_one()
        return self.env["crm.lead"]._read_group(
            self._range_domain(),
            [
                f"clinic_received_date:{self._clinic_trend_unit()}",
                "source_id",
                "user_id",
                "clinic_funnel_step",
            ],
            ["__count"],
        )

    def _clinic_funnel_data(self):
        """``_funnel_groups`` computed once per board (kept in ``funnel_data``)."""
        self.ensure_one()
        return [
            (fields.Date.to_date(day), source, user, step, count)
            for day, source, user, step, count in self.funnel_data or []
        ]

    @api.depends("date_from", "date_to", "team_id", "pipeline_type", "period")
    def _compute_funnel_data(self):
        for board in self:
            if not (board.date_from and board.date_to):
                board.funnel_data = []
                continue
            groups = board._funnel_groups()
            # Names read once per model for the whole result (prefetched recordsets).
            board.funnel_data = [
                [
                    fields.Date.to_string(day.date() if isinstance(day, datetime) else day),
                    source.display_name if source else False,
                    user.display_name if user else False,
                    step,
                    count,
                ]
                for day, source, user, step, count in groups
            ]

    @staticmethod
    def _clinic_add_step(row, step, count):
        row[0] += count
        if step in ("consult", "start"):
            row[1] += count
        if step == "start":
            row[2] += count

    def _funnel_rows(self, groupby):
        """[(label, leads, consults, starts)] of the cohort grouped by source or
        coordinator, the most consults first."""
        unknown = (
            self.env._("Unknown source") if groupby == "source_id" else self.env._("Unassigned")
        )
        rows = {}
        for _day, source, user, step, count in self._clinic_funnel_data():
            label = (source if groupby == "source_id" else user) or unknown
            self._clinic_add_step(rows.setdefault(label, [0, 0, 0]), step, count)
        return sorted(((label, *row) for label, row in rows.items()), key=lambda r: (-r[1], r[0]))

    def _clinic_trend_rows(self):
        """[(first day, label, leads, consults, starts)] of the cohort by day (week view)
        or by week (month view, date range), in date order."""
        self.ensure_one()
        rows = {}
        for day, _source, _user, step, count in self._clinic_funnel_data():
            self._clinic_add_step(rows.setdefault(day, [0, 0, 0]), step, count)
        unit = self._clinic_trend_unit()
        result = []
        for start in sorted(rows):
            if unit == "day":
                label = start.strftime("%a %d %b")
            else:
                label = self.env._("Week of %(day)s", day=start.strftime("%d %b %Y").lstrip("0"))
            result.append((start, label, *rows[start]))
        return result

    # ------------------------------------------------------------------
    # The records behind each figure
    # ------------------------------------------------------------------

    def _clinic_drill_downs(self):
        """{figure: (model, domain, group by)}: the records a figure counts; for a rate,
        its denominator, grouped so that the numerator shows."""
        self.ensure_one()
        domains = self._figure_domains()
        contacted = domains["lead_count"] & Domain("clinic_first_contact_date", "!=", False)
        due = self._clinic_appointments_due_domain()
        drills = {name: ("crm.lead", domain, []) for name, domain in domains.items()}
        drills.update(
            {
                "consult_rate": ("crm.lead", domains["lead_count"], ["clinic_funnel_step"]),
                "start_rate": ("crm.lead", domains["lead_count"], ["clinic_funnel_step"]),
                "consult_start_rate": (
                    "crm.lead",
                    domains["consult_count"],
                    ["clinic_funnel_step"],
                ),
                "median_hours_to_contact": ("crm.lead", contacted, []),
                "p90_hours_to_contact": ("crm.lead", contacted, []),
                # Consultations are not grouped by outcome: calendar would hide the groups
                # of events whose owner keeps their calendar private.
                "appointment_due_count": ("calendar.event", due, []),
                "no_show_count": (
                    "calendar.event",
                    due & Domain("clinic_outcome", "=", "no_show"),
                    [],
                ),
                "no_show_rate": ("calendar.event", due, []),
            }
        )
        return drills

    def _clinic_drill_views(self, model):
        if model == "crm.lead":
            today_list = self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today")
            return [(today_list.id, "list"), (False, "pivot"), (False, "graph"), (False, "form")]
        if model == "calendar.event":
            consults = self.env.ref("crm_ortho_onboarding.calendar_event_view_list_clinic_consults")
            return [(consults.id, "list"), (False, "pivot"), (False, "graph"), (False, "form")]
        return [(False, "list"), (False, "pivot"), (False, "graph"), (False, "form")]

    def action_open_figure(self):
        """The records behind one figure (figure name in the context), list + pivot + graph."""
        self.ensure_one()
        figure = self.env.context.get("clinic_figure", "lead_count")
        drills = self._clinic_drill_downs()
        model, domain, groupby = drills.get(figure, drills["lead_count"])
        label = self._fields[figure].string if figure in self._fields else self.env._("Leads")
        context = {"active_test": True}
        if groupby:
            context["group_by"] = groupby
        return {
            "type": "ir.actions.act_window",
            "name": label,
            "res_model": model,
            "view_mode": "list,pivot,graph,form",
            "views": self._clinic_drill_views(model),
            "domain": list(domain),
            "context": context,
        }

    def action_open_analysis(self):
        """Pivot/graph of the cohort, grouped as asked (week, source, coordinator, pipeline)."""
        self.ensure_one()
        groupby = self.env.context.get("clinic_groupby", "source_id")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lead Analysis"),
            "res_model": "crm.lead",
            "view_mode": "pivot,graph,list",
            "views": [(False, "pivot"), (False, "graph"), (False, "list")],
            "domain": list(self._range_domain()),
            "context": {
                "pivot_row_groupby": [groupby],
                "pivot_column_groupby": ["clinic_funnel_step"],
                "graph_groupbys": [groupby, "clinic_funnel_step"],
                "graph_mode": "line" if groupby.startswith("clinic_received_date") else "bar",
                "pivot_measures": ["__count"],
            },
        }

    # ------------------------------------------------------------------
    # The screen (client action): no record is saved, no URL per visit
    # ------------------------------------------------------------------

    def _clinic_tiles(self):
        """[(section, figure, format)] in screen order; feature addons append theirs.

        format: count, percent, hours, days or money.
        """
        return [
            ("leads", "lead_count", "count"),
            ("leads", "consult_rate", "percent"),
            ("leads", "consult_start_rate", "percent"),
            ("leads", "start_rate", "percent"),
            ("leads", "median_hours_to_contact", "hours"),
            ("leads", "p90_hours_to_contact", "hours"),
            ("leads", "no_show_rate", "percent"),
            ("today", "urgent_open_count", "count"),
            ("today", "followup_today_count", "count"),
            ("today", "uncontacted_count", "count"),
        ]

    def _clinic_sections(self):
        return {
            "leads": self.env._("Leads and consultations of the period"),
            "today": self.env._("Open work, today"),
        }

    def _clinic_tile_notes(self):
        """{figure: the counts it is made of, in words} shown under rates."""
        self.ensure_one()
        return {
            "consult_rate": self.env._(
                "%(consults)s of %(leads)s leads",
                consults=self.consult_count,
                leads=self.lead_count,
            ),
            "consult_start_rate": self.env._(
                "%(starts)s of %(consults)s consulted",
                starts=self.start_count,
                consults=self.consult_count,
            ),
            "start_rate": self.env._(
                "%(starts)s starts of %(leads)s leads",
                starts=self.start_count,
                leads=self.lead_count,
            ),
            "no_show_rate": self.env._(
                "%(missed)s of %(due)s appointments due",
                missed=self.no_show_count,
                due=self.appointment_due_count,
            ),
        }

    def _clinic_format(self, value, kind):
        if kind == "percent":
            return f"{value:.1f} %"
        if kind == "hours":
            minutes = round(value * 60)
            if minutes < 60:
                return self.env._("%(minutes)s min", minutes=minutes)
            return self.env._(
                "%(hours)s h %(minutes)02d", hours=minutes // 60, minutes=minutes % 60
            )
        if kind == "days":
            return self.env._("%(days)s days", days=f"{value:.1f}")
        if kind == "money":
            currency = self.env.company.currency_id
            return currency.format(value) if currency else f"{value:.2f}"
        return str(value)

    def _clinic_tables(self):
        """[{title, columns, rows}] shown below the tiles; feature addons append theirs."""
        self.ensure_one()
        tables = []
        for title, groupby in (
            (self.env._("By source"), "source_id"),
            (self.env._("By coordinator"), "user_id"),
        ):
            tables.append(
                {
                    "title": title,
                    "columns": [
                        groupby == "source_id"
                        and self.env._("Source")
                        or self.env._("Coordinator"),
                        self.env._("Leads"),
                        self.env._("Consults"),
                        self.env._("Starts"),
                        self.env._("Lead → consult"),
                        self.env._("Lead → start"),
                    ],
                    "rows": [
                        [
                            label,
                            leads,
                            consults,
                            starts,
                            self._clinic_format(_ratio(consults, leads), "percent"),
                            self._clinic_format(_ratio(starts, leads), "percent"),
                        ]
                        for label, leads, consults, starts in self._funnel_rows(groupby)
                    ],
                }
            )
        tables.insert(
            0,
            {
                "title": self.env._("By day")
                if self._clinic_trend_unit() == "day"
                else self.env._("By week"),
                "columns": [
                    self.env._("Received"),
                    self.env._("Leads"),
                    self.env._("Consults"),
                    self.env._("Starts"),
                    self.env._("Lead → consult"),
                    self.env._("Lead → start"),
                ],
                "rows": [
                    [
                        label,
                        leads,
                        consults,
                        starts,
                        self._clinic_format(_ratio(consults, leads), "percent"),
                        self._clinic_format(_ratio(starts, leads), "percent"),
                    ]
                    for _start, label, leads, consults, starts in self._clinic_trend_rows()
                ],
            },
        )
        return tables

    def _clinic_dashboard_values(self):
        """Everything the screen shows, formatted: filters, tiles by section, tables."""
        self.ensure_one()
        sections = self._clinic_sections()
        notes = self._clinic_tile_notes()
        tiles = []
        for section, name, kind in self._clinic_tiles():
            field = self._fields[name]
            tiles.append(
                {
                    "section": section,
                    "name": name,
                    "label": field._description_string(self.env),
                    "definition": field._description_help(self.env) or "",
                    "value": self._clinic_format(self[name], kind),
                    "note": notes.get(name, ""),
                }
            )
        teams = self.env["crm.team"].search_fetch(
            [("clinic_pipeline_type", "!=", False)], ["display_name"]
        )
        return {
            "filters": {
                "period": self.period,
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
                "pipeline_type": self.pipeline_type or False,
                "team_id": self.team_id.id or False,
            },
            "pipeline_types": self._selection_pipeline_type(),
            "teams": [[team.id, team.display_name] for team in teams],
            "sections": [
                {"key": key, "title": title, "tiles": [t for t in tiles if t["section"] == key]}
                for key, title in sections.items()
            ],
            "tables": self._clinic_tables(),
        }

    @api.model
    def _clinic_board(self, filters=None):
        """An unsaved board for ``filters`` (period, anchor date or dates, pipeline,
        location), as the client action sends them."""
        filters = filters or {}
        period = filters.get("period") or "month"
        values = {"period": period}
        if filters.get("pipeline_type"):
            values["pipeline_type"] = filters["pipeline_type"]
        if filters.get("team_id"):
            values["team_id"] = int(filters["team_id"])
        today = fields.Date.context_today(self)
        if period == "custom":
            values["date_from"] = fields.Date.to_date(filters.get("date_from")) or (
                today - timedelta(days=89)
            )
            values["date_to"] = fields.Date.to_date(filters.get("date_to")) or today
        else:
            anchor = fields.Date.to_date(filters.get("anchor")) or today
            values["date_from"], values["date_to"] = self._clinic_period_bounds(period, anchor)
        return self.new(values)

    @api.model
    def clinic_dashboard_data(self, filters=None):
        """The dashboard screen's data for ``filters``; nothing is written."""
        return self._clinic_board(filters)._clinic_dashboard_values()

    @api.model
    def clinic_dashboard_open(self, filters, figure):
        """The records behind ``figure`` for ``filters`` (a window action)."""
        return self._clinic_board(filters).with_context(clinic_figure=figure).action_open_figure()

    @api.model
    def clinic_dashboard_analysis(self, filters, groupby):
        board = self._clinic_board(filters)
        return board.with_context(clinic_groupby=groupby).action_open_analysis()
