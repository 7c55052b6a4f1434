# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

FIGURES = [
    "lead_count",
    "urgent_open_count",
    "followup_today_count",
    "uncontacted_count",
    "consult_count",
    "start_count",
    "consult_rate",
    "start_rate",
    "median_hours_to_contact",
    "no_show_count",
    "no_show_rate",
    "funnel_html",
]


# A screen, not a wizard (transient so each user has their own filters): models/.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """The coordinator's figures for a date range; every figure opens the leads behind it.

    Figures are computed with aggregate queries under the user's own access rights,
    so a coordinator sees the numbers of the leads they may see.
    """

    _name = "clinic.crm.dashboard"
    _description = "Clinic CRM Dashboard"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=89),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    team_id = fields.Many2one(
        "crm.team", string="Pipeline", domain="[('clinic_pipeline_type', '!=', False)]"
    )
    lead_count = fields.Integer(string="Leads Received", compute="_compute_figures")
    urgent_open_count = fields.Integer(string="High Urgency, Open", compute="_compute_figures")
    followup_today_count = fields.Integer(string="Follow-ups Today", compute="_compute_figures")
    uncontacted_count = fields.Integer(string="New, Not Contacted", compute="_compute_figures")
    consult_count = fields.Integer(string="Consults Booked", compute="_compute_figures")
    start_count = fields.Integer(string="Treatment Starts", compute="_compute_figures")
    consult_rate = fields.Float(string="Lead → Consult (%)", compute="_compute_figures")
    start_rate = fields.Float(string="Lead → Start (%)", compute="_compute_figures")
    median_hours_to_contact = fields.Float(
        string="Median Hours to First Contact", compute="_compute_figures"
    )
    no_show_count = fields.Integer(string="No-shows", compute="_compute_figures")
    no_show_rate = fields.Float(string="No-show Rate (%)", compute="_compute_figures")
    funnel_html = fields.Html(string="Conversion", compute="_compute_figures", sanitize=False)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for board in self:
            board.display_name = self.env._("Dashboard")

    # ------------------------------------------------------------------
    # Domains (shared by the figures and the actions behind them)
    # ------------------------------------------------------------------

    def _range_domain(self):
        self.ensure_one()
        start = datetime.combine(self.date_from, time.min)
        end = datetime.combine(self.date_to + timedelta(days=1), time.min)
        domain = (
            Domain("clinic_received_date", ">=", start)
            & Domain("clinic_received_date", "<", end)
            & Domain("team_id.clinic_pipeline_type", "!=", False)
        )
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        return domain

    def _pipeline_domain(self):
        self.ensure_one()
        if self.team_id:
            return Domain("team_id", "=", self.team_id.id)
        return Domain("team_id.clinic_pipeline_type", "!=", False)

    def _figure_domains(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        day_start = datetime.combine(today, time.min)
        open_leads = self._pipeline_domain() & Domain("won_status", "=", "pending")
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
            "no_show_count": in_range & Domain("clinic_no_show_count", ">", 0),
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    @api.depends("date_from", "date_to", "team_id")
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
            # Range figures: one scan of the period by (source, coordinator, furthest step),
            # shared with the conversion tables.
            groups = board._funnel_groups()
            steps = {}
            for _source, _user, step, count, no_shows in groups:
                total, missed = steps.get(step, (0, 0))
                steps[step] = (total + count, missed + (no_shows or 0))
            leads = sum(count for count, _no_shows in steps.values())
            starts = steps.get("start", (0, 0))[0]
            consults = steps.get("consult", (0, 0))[0] + starts
            no_shows = sum(no_show for _count, no_show in steps.values())
            board.lead_count = leads
            board.consult_count = consults
            board.start_count = starts
            board.consult_rate = 100.0 * consults / leads if leads else 0.0
            board.start_rate = 100.0 * starts / leads if leads else 0.0
            board.no_show_count = no_shows
            board.no_show_rate = 100.0 * no_shows / consults if consults else 0.0
            board.median_hours_to_contact = board._median_hours_to_contact()
            board.funnel_html = board._funnel_html(groups)

    def _median_hours_to_contact(self):
        """Median over leads of the range that were contacted (aggregate, under access rules)."""
        domain = self._range_domain() & Domain("clinic_first_contact_date", "!=", False)
        query = self.env["crm.lead"]._search(domain)
        self.env.cr.execute(
            query.select(
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)",
                    SQL.identifier("crm_lead", "clinic_hours_to_first_contact"),
                )
            )
        )
        value = self.env.cr.fetchone()[0]
        return round(value or 0.0, 2)

    def _funnel_rows(self, groupby, groups=None):
        """[(label, leads, consults, starts)] for the range, grouped by ``groupby``.

        ``groups``: rows of one read_group by (source, coordinator, step), shared by
        both tables so the period is scanned once.
        """
        if groups is None:
            groups = self._funnel_groups()
        rows = {}
        for source, user, step, count, _no_shows in groups:
            key = source if groupby == "source_id" else user
            label = key.display_name if key else self.env._("None")
            row = rows.setdefault(label, [0, 0, 0])
            row[0] += count
            if step in ("consult", "start"):
                row[1] += count
            if step == "start":
                row[2] += count
        return sorted(((label, *row) for label, row in rows.items()), key=lambda r: -r[1])

    def _funnel_groups(self):
        return self.env["crm.lead"]._read_group(
            self._range_domain(),
            ["source_id", "user_id", "clinic_funnel_step"],
            ["__count", "clinic_no_show_count:sum"],
        )

    @staticmethod
    def _percent(part, whole):
        return f"{100.0 * part / whole:.0f} %" if whole else "–"

    def _funnel_html(self, groups):
        self.ensure_one()
        parts = []
        for title, groupby in (
            (self.env._("By source"), "source_id"),
            (self.env._("By coordinator"), "user_id"),
        ):
            rows = self._funnel_rows(groupby, groups)
            parts.append(
                self.env["ir.qweb"]._render(
                    "crm_ortho_onboarding.clinic_dashboard_funnel_table",
                    {"title": title, "rows": rows, "percent": self._percent},
                )
            )
        return Markup("").join(parts)

    # ------------------------------------------------------------------
    # Actions behind the figures
    # ------------------------------------------------------------------

    def action_open_figure(self):
        """Leads behind one figure, as list + pivot + graph (figure name in the context)."""
        self.ensure_one()
        figure = self.env.context.get("clinic_figure", "lead_count")
        domain = self._figure_domains().get(figure, self._range_domain())
        label = self._fields[figure].string if figure in self._fields else self.env._("Leads")
        return {
            "type": "ir.actions.act_window",
            "name": label,
            "res_model": "crm.lead",
            "view_mode": "list,pivot,graph,form",
            "views": [
                (self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today").id, "list"),
                (False, "pivot"),
                (False, "graph"),
                (False, "form"),
            ],
            "domain": list(domain),
            "context": {"active_test": True},
        }

    def action_open_analysis(self):
        """Pivot/graph of the range, grouped as asked (week, source, coordinator, funnel)."""
        self.ensure_one()
        groupby = self.env.context.get("clinic_groupby", "source_id")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lead Analysis"),
            "res_model": "crm.lead",
            "view_mode": "graph,pivot,list",
            "domain": list(self._range_domain()),
            "context": {
                "pivot_row_groupby": [groupby],
                "pivot_column_groupby": ["clinic_funnel_step"],
                "graph_groupbys": [groupby, "clinic_funnel_step"],
                "pivot_measures": ["__count"],
            },
        }
