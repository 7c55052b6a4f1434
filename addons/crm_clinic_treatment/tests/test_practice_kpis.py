# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_dashboard")
class TestPracticeKpis(ClinicRolesCommon):
    """Dashboard KPIs computed on constructed data of a pipeline of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "KPI pipeline", "clinic_pipeline_type": "ortho", "use_opportunities": True}
        )
        cls.env["crm.stage"].create(
            [
                {"name": "Open (KPI)", "sequence": 1, "team_ids": [(6, 0, cls.team.ids)]},
                {
                    "name": "Started (KPI)",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, cls.team.ids)],
                },
            ]
        )
        Lead = cls.env["crm.lead"]

        def lead(name, first_contact, consult, outcome, closed=None):
            record = Lead.create(
                {
                    "name": name,
                    "clinic_first_name": name,
                    "clinic_last_name": "Kpi",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "clinic_received_date": first_contact,
                    "clinic_first_contact_date": first_contact,
                }
            )
            cls.env["calendar.event"].create(
                {
                    "name": "Consult",
                    "clinic_is_consult": True,
                    "clinic_outcome": outcome,
                    "opportunity_id": record.id,
                    "start": consult,
                    "stop": consult.replace(hour=consult.hour + 1),
                }
            )
            if closed:
                with freeze_time(closed):
                    record.action_set_won()
            return record

        lead("A", datetime(2025, 3, 1, 9), datetime(2025, 3, 5, 9), "attended", "2025-03-11 09:00")
        lead("B", datetime(2025, 3, 2, 9), datetime(2025, 3, 6, 9), "attended", "2025-03-22 09:00")
        lead("C", datetime(2025, 3, 3, 9), datetime(2025, 3, 7, 9), "attended", "2025-03-07 09:00")
        lead("D", datetime(2025, 3, 4, 9), datetime(2025, 3, 8, 9), "attended")
        lead("E", datetime(2025, 3, 5, 9), datetime(2025, 3, 9, 9), "no_show")
        patient = cls.env["res.partner"].create({"name": "KPI patient", "clinic_is_patient": True})
        Plan = cls.env["clinic.treatment.plan"]
        for state in ("completed", "in_progress", "in_progress", "completed"):
            plan = Plan.create({"name": state, "patient_id": patient.id, "state": state})
            plan.date_started = date(2025, 3, 15)
        rule = cls.env.ref("crm_clinic_treatment.clinic_recall_rule_hygiene")
        for index, state in enumerate(("done", "done", "done", "open")):
            other = patient.copy({"name": f"Recall {index}"})
            cls.env["clinic.recall"].create(
                {
                    "patient_id": other.id,
                    "rule_id": rule.id,
                    "date_due": date(2025, 3, 10 + index),
                    "state": state,
                }
            )
        cls.env["ir.config_parameter"].set_param("crm_ortho_onboarding.no_show_cost", "150")

    def _board(self, user=None):
        Board = self.env["clinic.crm.dashboard"]
        if user:
            Board = Board.with_user(user)
        return Board.create(
            {"date_from": date(2025, 3, 1), "date_to": date(2025, 3, 31), "team_id": self.team.id}
        )

    def test_kpis_are_exact(self):
        board = self._board()
        # 4 consults attended in March, 3 of them started.
        self.assertAlmostEqual(board.kpi_consult_start_rate, 75.0)
        # First contact → start: 10, 20 and 4 days: the median is 10.
        self.assertAlmostEqual(board.kpi_median_days_to_start, 10.0)
        self.assertAlmostEqual(board.kpi_completion_rate, 50.0)
        self.assertAlmostEqual(board.kpi_recall_rate, 75.0)
        self.assertEqual(board.no_show_count, 1)
        self.assertAlmostEqual(board.kpi_no_show_cost, 150.0)

    def test_plans_at_risk_and_drill_down(self):
        board = self._board(self.users["read_only"])
        before = board.kpi_plans_at_risk
        plan = self.env["clinic.treatment.plan"].search([("name", "=", "in_progress")], limit=1)
        plan.write({"is_at_risk": True, "at_risk_reason": "test"})
        board.invalidate_recordset()
        self.assertEqual(board.kpi_plans_at_risk, before + 1)
        action = board.with_context(clinic_kpi="at_risk").action_open_kpi()
        self.assertIn(plan, self.env["clinic.treatment.plan"].search(action["domain"]))
        action = board.with_context(clinic_kpi="recalls").action_open_kpi()
        self.assertEqual(action["res_model"], "clinic.recall")
        self.assertIn("pivot", action["view_mode"])
        self.assertEqual(self.env["clinic.recall"].search_count(action["domain"]), 4)
