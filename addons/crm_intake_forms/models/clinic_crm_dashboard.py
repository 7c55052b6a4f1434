# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


# The dashboard is a screen of the core (transient), not a wizard: it lives in models/.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """Intake forms on the dashboard: were the family's forms done before they came?"""

    _inherit = "clinic.crm.dashboard"

    intake_first_visit_count = fields.Integer(
        string="First Visits with Forms",
        compute="_compute_intake_kpis",
        help="First consultations attended in the period by a family who was sent intake "
        "forms for that lead.",
    )
    intake_ready_count = fields.Integer(
        string="Forms Complete Before the Visit",
        compute="_compute_intake_kpis",
        help="First visits of the period whose intake forms were all completed before the "
        "consultation began.",
    )
    intake_ready_rate = fields.Float(
        string="Intake Complete Before First Visit (%)",
        compute="_compute_intake_kpis",
        help="First consultations attended in the period whose intake forms (all those sent "
        "for the lead, canceled ones left out) were completed before the consultation began "
        "÷ first consultations attended in the period by families who were sent forms.",
    )

    def _clinic_first_visits_domain(self):
        """First consultations attended in the period (the lead's earliest attended one)."""
        self.ensure_one()
        start, end = self._clinic_bounds()
        return (
            Domain("clinic_is_consult", "=", True)
            & Domain("clinic_outcome", "=", "attended")
            & Domain("start", ">=", start)
            & Domain("start", "<", end)
            & Domain("opportunity_id", "any", self._pipeline_domain())
        )

    @api.depends("date_from", "date_to", "team_id", "pipeline_type", "period")
    def _compute_intake_kpis(self):
        for board in self:
            if not (board.date_from and board.date_to):
                board.update(
                    {
                        "intake_first_visit_count": 0,
                        "intake_ready_count": 0,
                        "intake_ready_rate": 0.0,
                    }
                )
                continue
            visits, ready = board._clinic_intake_before_visit()
            board.intake_first_visit_count = visits
            board.intake_ready_count = ready
            board.intake_ready_rate = 100.0 * ready / visits if visits else 0.0

    def _clinic_intake_first_visits_sql(self):
        """SQL of (consultation id, forms all done before it) for the first visits of the
        period by families sent forms, over the consultations the user may see."""
        query = self.env["calendar.event"]._search(self._clinic_first_visits_domain())
        visits = query.subselect(
            SQL(
                "%s AS id, %s AS lead_id, %s AS start",
                SQL.identifier("calendar_event", "id"),
                SQL.identifier("calendar_event", "opportunity_id"),
                SQL.identifier("calendar_event", "start"),
            )
        )
        # Raw columns of the join: written to the database first.
        self.env["clinic.intake.request"].flush_model(["lead_id", "state", "date_done"])
        self.env["calendar.event"].flush_model(
            ["opportunity_id", "clinic_is_consult", "clinic_outcome", "start", "active"]
        )
        return SQL(
            """
            SELECT v.id, bool_and(r.date_done IS NOT NULL AND r.date_done <= v.start) AS ready
            FROM (%(visits)s) AS v
            JOIN clinic_intake_request r ON r.lead_id = v.lead_id AND r.state != 'cancel'
            WHERE NOT EXISTS (
                SELECT 1 FROM calendar_event e
                WHERE e.opportunity_id = v.lead_id AND e.clinic_is_consult
                  AND e.clinic_outcome = 'attended' AND e.start < v.start AND e.active
            )
            GROUP BY v.id
            """,
            visits=visits,
        )

    def _clinic_intake_before_visit(self):
        """(first visits with forms, of which forms all done before): one aggregate query."""
        [(visits, ready)] = self.env.execute_query(
            SQL(
                "SELECT count(*), count(*) FILTER (WHERE ready) FROM (%s) AS first_visits",
                self._clinic_intake_first_visits_sql(),
            )
        )
        return visits or 0, ready or 0

    def _clinic_drill_downs(self):
        drills = super()._clinic_drill_downs()
        if self.env.context.get("clinic_figure") == "intake_ready_rate":
            # The first visits counted, by id: "first" is not a condition a domain can say.
            rows = self.env.execute_query(
                SQL("SELECT id FROM (%s) AS v", self._clinic_intake_first_visits_sql())
            )
            drills["intake_ready_rate"] = (
                "calendar.event",
                Domain("id", "in", [row[0] for row in rows]),
                [],
            )
        return drills

    def _clinic_tiles(self):
        return super()._clinic_tiles() + [("leads", "intake_ready_rate", "percent")]

    def _clinic_tile_notes(self):
        notes = super()._clinic_tile_notes()
        notes["intake_ready_rate"] = self.env._(
            "%(ready)s of %(visits)s first visits",
            ready=self.intake_ready_count,
            visits=self.intake_first_visit_count,
        )
        return notes
