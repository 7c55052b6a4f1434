# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta
from statistics import median

from odoo import api, fields, models
from odoo.fields import Domain

ICP_NO_SHOW_COST = "crm_ortho_onboarding.no_show_cost"


# The dashboard is a screen of the core (transient so each user gets their own dates),
# not a wizard: it lives in models/ like the core's.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """Practice KPIs: consult → start, time to start, completion, recalls, no-shows, risk."""

    _inherit = "clinic.crm.dashboard"

    kpi_consult_start_rate = fields.Float(
        string="Consult → Start (%)", compute="_compute_kpis", digits=(16, 1)
    )
    kpi_median_days_to_start = fields.Float(
        string="Median Days First Contact → Start", compute="_compute_kpis", digits=(16, 1)
    )
    kpi_completion_rate = fields.Float(
        string="Treatment Completion (%)", compute="_compute_kpis", digits=(16, 1)
    )
    kpi_recall_rate = fields.Float(
        string="Recall Rate (%)", compute="_compute_kpis", digits=(16, 1)
    )
    kpi_no_show_cost = fields.Float(string="No-show Cost", compute="_compute_kpis")
    kpi_plans_at_risk = fields.Integer(string="Plans at Risk", compute="_compute_kpis")

    def _kpi_bounds(self):
        self.ensure_one()
        start = datetime.combine(self.date_from, time.min)
        return start, datetime.combine(self.date_to + timedelta(days=1), time.min)

    def _kpi_domains(self):
        """The records behind each KPI, shared by the figures and their drill-downs."""
        self.ensure_one()
        start, end = self._kpi_bounds()
        lead_scope = Domain("opportunity_id", "any", self._pipeline_domain())
        return {
            "consults": Domain("clinic_is_consult", "=", True)
            & Domain("clinic_outcome", "=", "attended")
            & Domain("start", ">=", start)
            & Domain("start", "<", end)
            & lead_scope,
            "starts": self._pipeline_domain()
            & Domain("won_status", "=", "won")
            & Domain("date_closed", ">=", start)
            & Domain("date_closed", "<", end),
            "plans_started": Domain("date_started", ">=", self.date_from)
            & Domain("date_started", "<=", self.date_to),
            "recalls": Domain("date_due", ">=", self.date_from)
            & Domain("date_due", "<=", self.date_to),
            "at_risk": Domain("is_at_risk", "=", True),
        }

    @api.depends("date_from", "date_to", "team_id")
    def _compute_kpis(self):
        cost = float(
            self.env["ir.config_parameter"].sudo().get_param(ICP_NO_SHOW_COST, 200.0) or 0.0
        )
        Plan = self.env["clinic.treatment.plan"]
        for board in self:
            if not (board.date_from and board.date_to):
                board.update(
                    {
                        "kpi_consult_start_rate": 0.0,
                        "kpi_median_days_to_start": 0.0,
                        "kpi_completion_rate": 0.0,
                        "kpi_recall_rate": 0.0,
                        "kpi_no_show_cost": 0.0,
                        "kpi_plans_at_risk": 0,
                    }
                )
                continue
            domains = board._kpi_domains()
            consulted = self.env["calendar.event"].search(domains["consults"]).opportunity_id
            started = consulted.filtered(lambda lead: lead.won_status == "won")
            board.kpi_consult_start_rate = (
                100.0 * len(started) / len(consulted) if consulted else 0.0
            )
            starts = self.env["crm.lead"].search_read(
                domains["starts"] & Domain("clinic_first_contact_date", "!=", False),
                ["date_closed", "clinic_first_contact_date"],
            )
            days = [
                (row["date_closed"] - row["clinic_first_contact_date"]).total_seconds() / 86400
                for row in starts
            ]
            board.kpi_median_days_to_start = round(median(days), 1) if days else 0.0
            plan_states = dict(Plan._read_group(domains["plans_started"], ["state"], ["__count"]))
            started_plans = sum(plan_states.values())
            board.kpi_completion_rate = (
                100.0 * plan_states.get("completed", 0) / started_plans if started_plans else 0.0
            )
            board.kpi_recall_rate = self.env["clinic.recall"]._clinic_recall_rate(
                board.date_from, board.date_to
            )
            board.kpi_no_show_cost = board.no_show_count * cost
            board.kpi_plans_at_risk = Plan.search_count(domains["at_risk"])

    def action_open_kpi(self):
        """The records behind one KPI, with pivot and graph."""
        self.ensure_one()
        kpi = self.env.context.get("clinic_kpi", "at_risk")
        domains = self._kpi_domains()
        targets = {
            "consults": ("calendar.event", self.env._("Consults Attended"), "list,pivot,graph"),
            "starts": ("crm.lead", self.env._("Treatment Starts"), "list,pivot,graph,form"),
            "plans_started": (
                "clinic.treatment.plan",
                self.env._("Plans Started"),
                "pivot,graph,list,form",
            ),
            "recalls": ("clinic.recall", self.env._("Recalls Due"), "pivot,graph,list,form"),
            "at_risk": ("clinic.treatment.plan", self.env._("Plans at Risk"), "list,pivot,form"),
        }
        model, name, view_mode = targets.get(kpi, targets["at_risk"])
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": view_mode,
            "domain": list(domains.get(kpi, domains["at_risk"])),
        }
