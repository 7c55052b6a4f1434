# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

ICP_NO_SHOW_COST = "crm_ortho_onboarding.no_show_cost"

KPIS = [
    "kpi_median_days_to_start",
    "kpi_completion_rate",
    "kpi_plans_started",
    "kpi_recall_rate",
    "kpi_recalls_due",
    "kpi_retention_rate",
    "kpi_patients_previous",
    "kpi_patients_retained",
    "kpi_revenue",
    "kpi_revenue_patients",
    "kpi_revenue_per_patient",
    "kpi_no_show_cost",
    "kpi_plans_at_risk",
]


def _ratio(part, whole):
    return 100.0 * part / whole if whole else 0.0


# The dashboard is a screen of the core (transient), not a wizard: it lives in models/.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """Practice KPIs from treatment plans, procedures and recalls, defined here once
    (label and help of each field) and scoped by the dashboard's pipeline and location:
    a plan counts for the location of its opportunity, else of its patient's leads."""

    _inherit = "clinic.crm.dashboard"

    kpi_median_days_to_start = fields.Float(
        string="Median Days First Contact → Start",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Middle value, over the opportunities that started treatment in the period, "
        "of the days from their first contact to the start.",
    )
    kpi_completion_rate = fields.Float(
        string="Treatment Completion (%)",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Treatment plans started in the period that are now completed ÷ treatment plans "
        "started in the period.",
    )
    kpi_plans_started = fields.Integer(
        string="Plans Started",
        compute="_compute_kpis",
        help="Treatment plans started in the period.",
    )
    kpi_recall_rate = fields.Float(
        string="Recall Visit Rate (%)",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Recalls due in the period (up to today) whose visit took place ÷ recalls due "
        "in the period (up to today), canceled recalls left out.",
    )
    kpi_recalls_due = fields.Integer(
        string="Recalls Due",
        compute="_compute_kpis",
        help="Recalls due in the period (up to today), canceled ones left out.",
    )
    kpi_retention_rate = fields.Float(
        string="Retention Rate (%)",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Patients with a visit (a procedure done) in the previous period of the same "
        "length who also had one in this period ÷ patients with a visit in the previous "
        "period.",
    )
    kpi_patients_previous = fields.Integer(
        string="Patients Seen in the Previous Period",
        compute="_compute_kpis",
        help="Patients with a procedure done in the previous period of the same length.",
    )
    kpi_patients_retained = fields.Integer(
        string="Patients Seen Again",
        compute="_compute_kpis",
        help="Patients with a procedure done in the previous period and in this one.",
    )
    kpi_revenue = fields.Monetary(
        string="Revenue",
        compute="_compute_kpis",
        currency_field="kpi_currency_id",
        help="Fees of the procedures done in the period.",
    )
    kpi_revenue_patients = fields.Integer(
        string="Patients Treated",
        compute="_compute_kpis",
        help="Patients with a procedure done in the period.",
    )
    kpi_revenue_per_patient = fields.Monetary(
        string="Average Revenue per Patient",
        compute="_compute_kpis",
        currency_field="kpi_currency_id",
        help="Fees of the procedures done in the period ÷ patients with a procedure done in "
        "the period.",
    )
    kpi_currency_id = fields.Many2one(
        "res.currency", compute="_compute_kpi_currency_id", string="Currency"
    )
    kpi_no_show_cost = fields.Monetary(
        string="Estimated No-show Cost",
        compute="_compute_kpis",
        currency_field="kpi_currency_id",
        help="No-shows of the period × the cost of a no-show (Settings).",
    )
    kpi_plans_at_risk = fields.Integer(
        string="Plans at Risk",
        compute="_compute_kpis",
        help="Treatment plans flagged at risk today (accepted and not started, or the next "
        "phase not booked in time).",
    )

    def _compute_kpi_currency_id(self):
        for board in self:
            board.kpi_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # Scope and records behind each KPI
    # ------------------------------------------------------------------

    def _clinic_plan_scope(self):
        """Plans of the chosen pipeline/location: through their opportunity, else through
        their patient's leads. No restriction when nothing is chosen."""
        self.ensure_one()
        if not self._clinic_is_filtered():
            return Domain.TRUE
        pipeline = self._pipeline_domain()
        return (Domain("lead_id", "!=", False) & Domain("lead_id", "any", pipeline)) | (
            Domain("lead_id", "=", False) & Domain("patient_id.clinic_lead_ids", "any", pipeline)
        )

    def _clinic_patient_scope(self, field="patient_id"):
        self.ensure_one()
        if not self._clinic_is_filtered():
            return Domain.TRUE
        return Domain(f"{field}.clinic_lead_ids", "any", self._pipeline_domain())

    def _clinic_procedures_done_domain(self, date_from, date_to):
        return (
            Domain("status", "=", "done")
            & Domain("date_done", ">=", date_from)
            & Domain("date_done", "<=", date_to)
            & Domain("plan_id", "any", self._clinic_plan_scope())
        )

    def _kpi_domains(self):
        """The records behind each KPI, shared by the figures and their drill-downs."""
        self.ensure_one()
        start, end = self._clinic_bounds()
        today = fields.Date.context_today(self)
        previous_from, _previous_to = self._clinic_previous_period()
        return {
            "starts": self._pipeline_domain()
            & Domain("clinic_lead_type", "=", "patient")
            & Domain("won_status", "=", "won")
            & Domain("date_closed", ">=", start)
            & Domain("date_closed", "<", end),
            "plans_started": Domain("date_started", ">=", self.date_from)
            & Domain("date_started", "<=", self.date_to)
            & self._clinic_plan_scope(),
            "recalls": Domain("date_due", ">=", self.date_from)
            & Domain("date_due", "<=", min(self.date_to, today))
            & Domain("state", "!=", "cancelled")
            & self._clinic_patient_scope(),
            "visits": self._clinic_procedures_done_domain(previous_from, self.date_to),
            "revenue": self._clinic_procedures_done_domain(self.date_from, self.date_to),
            "at_risk": Domain("is_at_risk", "=", True) & self._clinic_plan_scope(),
        }

    def _clinic_drill_downs(self):
        drills = super()._clinic_drill_downs()
        domains = self._kpi_domains()
        drills.update(
            {
                "kpi_median_days_to_start": ("crm.lead", domains["starts"], []),
                "kpi_completion_rate": (
                    "clinic.treatment.plan",
                    domains["plans_started"],
                    ["state"],
                ),
                "kpi_plans_started": ("clinic.treatment.plan", domains["plans_started"], []),
                "kpi_recall_rate": ("clinic.recall", domains["recalls"], ["state"]),
                "kpi_recalls_due": ("clinic.recall", domains["recalls"], []),
                "kpi_retention_rate": (
                    "clinic.treatment.procedure",
                    domains["visits"],
                    ["patient_id"],
                ),
                "kpi_patients_previous": (
                    "clinic.treatment.procedure",
                    domains["visits"],
                    ["patient_id"],
                ),
                "kpi_patients_retained": (
                    "clinic.treatment.procedure",
                    domains["visits"],
                    ["patient_id"],
                ),
                "kpi_revenue": ("clinic.treatment.procedure", domains["revenue"], ["code"]),
                "kpi_revenue_patients": (
                    "clinic.treatment.procedure",
                    domains["revenue"],
                    ["patient_id"],
                ),
                "kpi_revenue_per_patient": (
                    "clinic.treatment.procedure",
                    domains["revenue"],
                    ["patient_id"],
                ),
                "kpi_no_show_cost": drills["no_show_count"],
                "kpi_plans_at_risk": ("clinic.treatment.plan", domains["at_risk"], []),
            }
        )
        return drills

    # ------------------------------------------------------------------
    # KPIs
    # ------------------------------------------------------------------

    @api.depends("date_from", "date_to", "team_id", "pipeline_type", "period")
    def _compute_kpis(self):
        cost = float(
            self.env["ir.config_parameter"].sudo().get_param(ICP_NO_SHOW_COST, 200.0) or 0.0
        )
        Plan = self.env["clinic.treatment.plan"]
        for board in self:
            if not (board.date_from and board.date_to):
                board.update(dict.fromkeys(KPIS, 0))
                continue
            domains = board._kpi_domains()
            board.kpi_median_days_to_start = board._clinic_median_days_to_start(domains["starts"])
            plan_states = dict(Plan._read_group(domains["plans_started"], ["state"], ["__count"]))
            board.kpi_plans_started = sum(plan_states.values())
            board.kpi_completion_rate = _ratio(
                plan_states.get("completed", 0), board.kpi_plans_started
            )
            recalls = dict(
                self.env["clinic.recall"]._read_group(domains["recalls"], ["state"], ["__count"])
            )
            board.kpi_recalls_due = sum(recalls.values())
            board.kpi_recall_rate = _ratio(recalls.get("done", 0), board.kpi_recalls_due)
            previous, retained = board._clinic_retention(domains["visits"])
            board.kpi_patients_previous = previous
            board.kpi_patients_retained = retained
            board.kpi_retention_rate = _ratio(retained, previous)
            revenue, patients = board._clinic_revenue(domains)
            board.kpi_revenue = revenue or 0.0
            board.kpi_revenue_patients = patients or 0
            board.kpi_revenue_per_patient = revenue / patients if patients else 0.0
            board.kpi_no_show_cost = board.no_show_count * cost
            board.kpi_plans_at_risk = Plan.search_count(domains["at_risk"])

    def _clinic_revenue(self, domains):
        """(revenue, patients) of the period: fees of the procedures done. The hook a
        bridge overrides to count another source (crm_clinic_treatment_account: posted
        customer invoices)."""
        [(revenue, patients)] = self.env["clinic.treatment.procedure"]._read_group(
            domains["revenue"], [], ["fee:sum", "patient_id:count_distinct"]
        )
        return revenue or 0.0, patients or 0

    def _clinic_median_days_to_start(self, domain):
        """Median days first contact → start: one aggregate query under access rules."""
        Lead = self.env["crm.lead"]
        query = Lead._search(domain & Domain("clinic_first_contact_date", "!=", False))
        [(value,)] = self.env.execute_query(
            query.select(
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY "
                    "EXTRACT(EPOCH FROM %s - %s) / 86400)",
                    Lead._field_to_sql("crm_lead", "date_closed", query),
                    Lead._field_to_sql("crm_lead", "clinic_first_contact_date", query),
                )
            )
        )
        return round(value or 0.0, 1)

    def _clinic_retention(self, visits_domain):
        """(patients seen in the previous period, of whom seen again in this one): one
        aggregate query over the procedures done in both periods, under access rules."""
        Procedure = self.env["clinic.treatment.procedure"]
        query = Procedure._search(visits_domain & Domain("patient_id", "!=", False))
        date_done = Procedure._field_to_sql("clinic_treatment_procedure", "date_done", query)
        query.groupby = Procedure._field_to_sql("clinic_treatment_procedure", "patient_id", query)
        per_patient = query.select(
            SQL(
                "bool_or(%s < %s) AS before, bool_or(%s >= %s) AS now",
                date_done,
                self.date_from,
                date_done,
                self.date_from,
            )
        )
        [(previous, retained)] = self.env.execute_query(
            SQL(
                "SELECT count(*) FILTER (WHERE before), count(*) FILTER (WHERE before AND now) "
                "FROM (%s) AS patients",
                per_patient,
            )
        )
        return previous or 0, retained or 0

    def _clinic_revenue_by_type(self):
        """[(code, name, procedures, fees)] of the procedures done in the period, the
        highest fees first: one grouped query."""
        self.ensure_one()
        groups = self.env["clinic.treatment.procedure"]._read_group(
            self._kpi_domains()["revenue"], ["code"], ["name:max", "__count", "fee:sum"]
        )
        rows = [(code or "", name or "", count, fee or 0.0) for code, name, count, fee in groups]
        return sorted(rows, key=lambda row: (-row[3], row[0]))

    # ------------------------------------------------------------------
    # Screen
    # ------------------------------------------------------------------

    def _clinic_tiles(self):
        return super()._clinic_tiles() + [
            ("practice", "kpi_retention_rate", "percent"),
            ("practice", "kpi_completion_rate", "percent"),
            ("practice", "kpi_recall_rate", "percent"),
            ("practice", "kpi_revenue_per_patient", "money"),
            ("practice", "kpi_revenue", "money"),
            ("practice", "kpi_median_days_to_start", "days"),
            ("practice", "kpi_no_show_cost", "money"),
            ("practice", "kpi_plans_at_risk", "count"),
        ]

    def _clinic_sections(self):
        sections = super()._clinic_sections()
        return {
            "leads": sections.pop("leads"),
            "practice": self.env._("Patients and treatment of the period"),
            **sections,
        }

    def _clinic_tile_notes(self):
        notes = super()._clinic_tile_notes()
        notes.update(
            {
                "kpi_retention_rate": self.env._(
                    "%(again)s of %(before)s patients seen before",
                    again=self.kpi_patients_retained,
                    before=self.kpi_patients_previous,
                ),
                "kpi_completion_rate": self.env._(
                    "of %(plans)s plans started", plans=self.kpi_plans_started
                ),
                "kpi_recall_rate": self.env._(
                    "of %(recalls)s recalls due", recalls=self.kpi_recalls_due
                ),
                "kpi_revenue_per_patient": self.env._(
                    "%(patients)s patients treated", patients=self.kpi_revenue_patients
                ),
            }
        )
        return notes

    def _clinic_revenue_columns(self):
        """Headers of the revenue table, whose rows are ``_clinic_revenue_by_type``."""
        return [
            self.env._("Code"),
            self.env._("Procedure"),
            self.env._("Done"),
            self.env._("Fees"),
        ]

    def _clinic_tables(self):
        tables = super()._clinic_tables()
        tables.append(
            {
                "title": self.env._("Revenue by procedure type"),
                "columns": self._clinic_revenue_columns(),
                "rows": [
                    [code, name, count, self._clinic_format(fee, "money")]
                    for code, name, count, fee in self._clinic_revenue_by_type()
                ],
            }
        )
        return tables
