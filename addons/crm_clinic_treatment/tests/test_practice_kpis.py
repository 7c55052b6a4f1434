# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

MARCH = {"period": "month", "anchor": "2025-03-15"}


@tagged("post_install", "-at_install", "clinic_dashboard")
class TestPracticeKpis(ClinicRolesCommon):
    """Practice KPIs on hand-built plans, procedures and recalls of two locations of their
    own (North: patients 1–4; South: patient 5), in March 2025 and the month before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["crm.team"]
        cls.north = Team.create({"name": "North (KPI)", "clinic_pipeline_type": "ortho"})
        cls.south = Team.create({"name": "South (KPI)", "clinic_pipeline_type": "ortho"})
        teams = cls.north | cls.south
        cls.env["crm.stage"].create(
            [
                {"name": "Open (KPI)", "sequence": 1, "team_ids": [(6, 0, teams.ids)]},
                {
                    "name": "Started (KPI)",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, teams.ids)],
                },
            ]
        )
        Partner = cls.env["res.partner"]
        Lead = cls.env["crm.lead"]
        cls.patients = {}
        cls.leads = {}
        for number, team in (
            (1, cls.north),
            (2, cls.north),
            (3, cls.north),
            (4, cls.north),
            (5, cls.south),
        ):
            patient = Partner.create({"name": f"KPI patient {number}", "clinic_is_patient": True})
            cls.patients[number] = patient
            cls.leads[number] = Lead.create(
                {
                    "name": f"KPI lead {number}",
                    "type": "opportunity",
                    "clinic_first_name": f"Kpi{number}",
                    "clinic_last_name": "Patient",
                    "email_from": f"kpi{number}@example.com",
                    "team_id": team.id,
                    "clinic_patient_id": patient.id,
                    "clinic_received_date": datetime(2025, 1, 10, 9),
                    "clinic_first_contact_date": datetime(2025, 1, 10, 10),
                }
            )
        Plan = cls.env["clinic.treatment.plan"]

        def plan(number, state, started=None, with_lead=False):
            record = Plan.create(
                {
                    "name": f"Plan {number} {state}",
                    "patient_id": cls.patients[number].id,
                    "lead_id": with_lead and cls.leads[number].id,
                    "state": state,
                }
            )
            record.date_started = started
            return record

        # North: plans 1 (through its opportunity) and 2 (through the patient's lead)
        # started in March, one completed; plan 3 started in February. South: one, completed.
        cls.plans = {
            1: plan(1, "completed", date(2025, 3, 10), with_lead=True),
            2: plan(2, "in_progress", date(2025, 3, 12)),
            3: plan(3, "in_progress", date(2025, 2, 10)),
            4: plan(4, "presented"),
            5: plan(5, "completed", date(2025, 3, 15), with_lead=True),
        }
        Procedure = cls.env["clinic.treatment.procedure"]

        def done(number, code, name, fee, day):
            Procedure.create(
                {
                    "plan_id": cls.plans[number].id,
                    "code": code,
                    "name": name,
                    "fee": fee,
                    "status": "done",
                    "date_done": day,
                }
            )

        # February (the previous month): patients 1, 2, 3 and 5 seen.
        done(1, "D0120", "Periodic evaluation", 100, date(2025, 2, 5))
        done(2, "D0120", "Periodic evaluation", 100, date(2025, 2, 6))
        done(3, "D0330", "Panoramic X-ray", 80, date(2025, 2, 7))
        done(5, "D0120", "Periodic evaluation", 100, date(2025, 2, 5))
        # March: patients 1, 2 and 4 in North, 5 in South.
        done(1, "D8080", "Comprehensive orthodontic treatment", 3000, date(2025, 3, 10))
        done(1, "D0120", "Periodic evaluation", 100, date(2025, 3, 20))
        done(2, "D0330", "Panoramic X-ray", 80, date(2025, 3, 12))
        done(4, "D0120", "Periodic evaluation", 100, date(2025, 3, 14))
        done(5, "D8080", "Comprehensive orthodontic treatment", 4000, date(2025, 3, 15))
        # Not done: no revenue.
        Procedure.create(
            {"plan_id": cls.plans[2].id, "code": "D8080", "name": "Planned", "fee": 5000}
        )
        rule = cls.env.ref("crm_clinic_treatment.clinic_recall_rule_hygiene")
        Recall = cls.env["clinic.recall"]
        for number, day, state in (
            (1, 5, "done"),
            (2, 6, "done"),
            (3, 7, "open"),
            (4, 8, "cancelled"),
            (5, 9, "open"),
        ):
            Recall.create(
                {
                    "patient_id": cls.patients[number].id,
                    "rule_id": rule.id,
                    "date_due": date(2025, 3, day),
                    "state": state,
                }
            )
        cls.env["ir.config_parameter"].set_param("crm_ortho_onboarding.no_show_cost", "150")

    def _board(self, filters=None, user=None):
        Board = self.env["clinic.crm.dashboard"]
        if user:
            Board = Board.with_user(user)
        return Board._clinic_board(MARCH | (filters or {}))

    def test_kpis_of_one_location(self):
        board = self._board({"team_id": self.north.id})
        self.assertRecordValues(
            board,
            [
                {
                    "kpi_plans_started": 2,
                    "kpi_completion_rate": 50.0,
                    "kpi_recalls_due": 3,  # the canceled one left out
                    "kpi_patients_previous": 3,  # 1, 2 and 3 in February
                    "kpi_patients_retained": 2,  # 1 and 2 again in March
                    "kpi_revenue": 3280.0,
                    "kpi_revenue_patients": 3,
                }
            ],
        )
        # Rates are kept to one decimal, as shown.
        self.assertEqual(board.kpi_recall_rate, 66.7)
        self.assertEqual(board.kpi_retention_rate, 66.7)
        self.assertAlmostEqual(board.kpi_revenue_per_patient, 3280 / 3, places=2)
        self.assertEqual(
            board._clinic_revenue_by_type(),
            [
                ("D8080", "Comprehensive orthodontic treatment", 1, 3000.0),
                ("D0120", "Periodic evaluation", 2, 200.0),
                ("D0330", "Panoramic X-ray", 1, 80.0),
            ],
        )

    def test_kpis_of_every_location(self):
        board = self._board()
        self.assertGreaterEqual(board.kpi_plans_started, 3)
        north = self._board({"team_id": self.north.id})
        south = self._board({"team_id": self.south.id})
        self.assertRecordValues(
            south,
            [
                {
                    "kpi_plans_started": 1,
                    "kpi_completion_rate": 100.0,
                    "kpi_recalls_due": 1,
                    "kpi_recall_rate": 0.0,
                    "kpi_patients_previous": 1,
                    "kpi_retention_rate": 100.0,
                    "kpi_revenue": 4000.0,
                    "kpi_revenue_per_patient": 4000.0,
                }
            ],
        )
        # Whatever else the database holds, both locations add up within the whole.
        self.assertGreaterEqual(board.kpi_revenue, north.kpi_revenue + south.kpi_revenue)
        self.assertGreaterEqual(
            board.kpi_patients_previous, north.kpi_patients_previous + south.kpi_patients_previous
        )

    def test_plans_at_risk_follow_the_location(self):
        self.plans[2].write({"is_at_risk": True, "at_risk_reason": "test"})
        self.plans[5].write({"is_at_risk": True, "at_risk_reason": "test"})
        north = self._board({"team_id": self.north.id}, self.users["read_only"])
        self.assertEqual(north.kpi_plans_at_risk, 1)
        action = north.with_context(clinic_figure="kpi_plans_at_risk").action_open_figure()
        self.assertEqual(self.env["clinic.treatment.plan"].search(action["domain"]), self.plans[2])

    def test_drill_downs_list_the_records_counted(self):
        board = self._board({"team_id": self.north.id})
        opened = {}
        for figure in (
            "kpi_completion_rate",
            "kpi_recall_rate",
            "kpi_revenue_per_patient",
            "kpi_retention_rate",
        ):
            action = board.with_context(clinic_figure=figure).action_open_figure()
            opened[figure] = self.env[action["res_model"]].search(action["domain"])
            self.assertIn("pivot", action["view_mode"])
        self.assertEqual(opened["kpi_completion_rate"], self.plans[1] | self.plans[2])
        self.assertEqual(len(opened["kpi_recall_rate"]), 3)
        self.assertEqual(
            sorted(opened["kpi_revenue_per_patient"].mapped("fee")), [80, 100, 100, 3000]
        )
        self.assertEqual(
            opened["kpi_retention_rate"].patient_id,
            self.patients[1] | self.patients[2] | self.patients[3] | self.patients[4],
        )

    def test_money_has_its_currency(self):
        values = self.env["clinic.crm.dashboard"].clinic_dashboard_data(
            MARCH | {"team_id": self.south.id}
        )
        tiles = {t["name"]: t for s in values["sections"] for t in s["tiles"]}
        currency = self.env.company.currency_id
        self.assertEqual(tiles["kpi_revenue"]["value"], currency.format(4000.0))
        self.assertIn(currency.symbol, tiles["kpi_revenue_per_patient"]["value"])
        revenue = next(t for t in values["tables"] if t["title"] == "Revenue by procedure type")
        self.assertEqual(
            revenue["rows"][0][:3], ["D8080", "Comprehensive orthodontic treatment", 1]
        )
        self.assertIn(currency.symbol, revenue["rows"][0][3])
        for tile in tiles.values():
            self.assertTrue(tile["definition"], tile["name"])
