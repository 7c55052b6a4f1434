# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

MARCH = {"period": "month", "anchor": "2025-03-15"}


@tagged("post_install", "-at_install", "clinic_dashboard")
class TestInvoiceRevenue(ClinicRolesCommon):
    """Revenue from hand-built invoices of March 2025 at two locations of their own:
    North (patient 1, and patient 2 billed to a guardian), South (patient 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not cls.env["account.journal"].search_count(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        Team = cls.env["crm.team"]
        cls.north = Team.create({"name": "North (revenue)", "clinic_pipeline_type": "ortho"})
        cls.south = Team.create({"name": "South (revenue)", "clinic_pipeline_type": "ortho"})
        cls.east = Team.create({"name": "East (revenue)", "clinic_pipeline_type": "ortho"})
        Partner = cls.env["res.partner"]
        cls.patients = {}
        for number, team in ((1, cls.north), (2, cls.north), (3, cls.south), (4, cls.east)):
            patient = Partner.create(
                {"name": f"Invoiced patient {number}", "clinic_is_patient": True}
            )
            cls.patients[number] = patient
            cls.env["crm.lead"].create(
                {
                    "name": f"Revenue lead {number}",
                    "type": "opportunity",
                    "clinic_first_name": f"Rev{number}",
                    "clinic_last_name": "Patient",
                    "email_from": f"rev{number}@example.com",
                    "team_id": team.id,
                    "clinic_patient_id": patient.id,
                    "clinic_received_date": datetime(2025, 1, 10, 9),
                }
            )
        # Patient 2 is a minor: the invoices go to the parent.
        cls.parent = Partner.create({"name": "Parent of patient 2"})
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": cls.patients[2].id, "guardian_id": cls.parent.id}
        )
        Product = cls.env["product.product"]
        cls.ortho = Product.create(
            {
                "name": "Comprehensive orthodontics",
                "type": "service",
                "clinic_procedure_code": "D8080",
            }
        )
        cls.evaluation = Product.create(
            {"name": "Periodic evaluation", "type": "service", "clinic_procedure_code": " d0120 "}
        )
        cls.brush = Product.create({"name": "Electric toothbrush", "type": "consu"})
        # A procedure's fee no longer counts once invoices do.
        plan = cls.env["clinic.treatment.plan"].create(
            {"name": "Fees only", "patient_id": cls.patients[1].id, "state": "in_progress"}
        )
        cls.env["clinic.treatment.procedure"].create(
            {
                "plan_id": plan.id,
                "code": "D8080",
                "name": "Comprehensive orthodontic treatment",
                "fee": 9999,
                "status": "done",
                "date_done": date(2025, 3, 10),
            }
        )
        invoice = cls._invoice
        cls.invoice_1 = invoice(cls.patients[1], [(cls.ortho, 1, 3000), (cls.brush, 1, 50)])
        cls.invoice_2 = invoice(cls.parent, [(cls.evaluation, 2, 100)])
        cls.refund_1 = invoice(cls.patients[1], [(cls.ortho, 1, 500)], move_type="out_refund")
        cls.draft_1 = invoice(cls.patients[1], [(cls.evaluation, 1, 999)], post=False)
        cls.february_1 = invoice(cls.patients[1], [(cls.evaluation, 1, 77)], day=date(2025, 2, 20))
        cls.invoice_3 = invoice(cls.patients[3], [(cls.ortho, 1, 4000)])
        cls.draft_4 = invoice(cls.patients[4], [(cls.ortho, 1, 1234)], post=False)

    @classmethod
    def _invoice(cls, partner, lines, move_type="out_invoice", day=date(2025, 3, 12), post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for product, quantity, price in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _board(self, filters=None, user=None):
        Board = self.env["clinic.crm.dashboard"]
        if user:
            Board = Board.with_user(user)
        return Board._clinic_board(MARCH | (filters or {}))

    def test_invoice_patient_is_the_customer_or_their_only_ward(self):
        self.assertEqual(self.invoice_1.clinic_patient_id, self.patients[1])
        self.assertEqual(self.invoice_2.clinic_patient_id, self.patients[2])
        self.assertEqual(self.refund_1.clinic_patient_id, self.patients[1])
        # A guardian of two patients: the patient is chosen on the invoice.
        self.env["clinic.patient.guardian"].create(
            {"patient_id": self.patients[1].id, "guardian_id": self.parent.id}
        )
        move = self._invoice(self.parent, [(self.evaluation, 1, 10)], post=False)
        self.assertFalse(move.clinic_patient_id)
        move.clinic_patient_id = self.patients[1]
        move.action_post()
        reversal = move._reverse_moves()
        self.assertEqual(reversal.clinic_patient_id, self.patients[1])

    def test_revenue_of_one_location_from_posted_invoices(self):
        board = self._board({"team_id": self.north.id})
        # 3050 + 200 invoiced, 500 refunded; the draft, February and the fee left out.
        self.assertRecordValues(
            board,
            [{"kpi_revenue": 2750.0, "kpi_revenue_patients": 2, "kpi_revenue_per_patient": 1375.0}],
        )
        self.assertEqual(
            board._clinic_revenue_by_type(),
            [
                ("D8080", "Comprehensive orthodontics", 0.0, 2500.0),
                ("D0120", "Periodic evaluation", 2.0, 200.0),
                ("", "Other", 1.0, 50.0),
            ],
        )
        south = self._board({"team_id": self.south.id})
        self.assertRecordValues(
            south,
            [{"kpi_revenue": 4000.0, "kpi_revenue_patients": 1, "kpi_revenue_per_patient": 4000.0}],
        )
        whole = self._board()
        self.assertGreaterEqual(whole.kpi_revenue, 6750.0)
        self.assertGreaterEqual(whole.kpi_revenue_patients, 3)

    def test_nothing_posted_counts_nothing(self):
        east = self._board({"team_id": self.east.id})
        self.assertRecordValues(east, [{"kpi_revenue": 0.0, "kpi_revenue_patients": 0}])
        self.assertEqual(east._clinic_revenue_by_type(), [])
        self.draft_4.action_post()
        east = self._board({"team_id": self.east.id})
        self.assertRecordValues(east, [{"kpi_revenue": 1234.0, "kpi_revenue_patients": 1}])

    def test_roles_without_invoicing_rights_see_the_figures(self):
        doctor = self.users["doctor"]
        self.assertFalse(self.env["account.move"].with_user(doctor).has_access("read"))
        values = (
            self.env["clinic.crm.dashboard"]
            .with_user(doctor)
            .clinic_dashboard_data(MARCH | {"team_id": self.north.id})
        )
        tiles = {t["name"]: t for s in values["sections"] for t in s["tiles"]}
        currency = self.env.company.currency_id
        self.assertEqual(tiles["kpi_revenue"]["value"], currency.format(2750.0))
        self.assertIn("Posted customer invoices", tiles["kpi_revenue"]["definition"])
        self.assertEqual(tiles["kpi_revenue_per_patient"]["note"], "2 patients invoiced")
        table = next(t for t in values["tables"] if t["title"] == "Revenue by procedure type")
        self.assertEqual(table["columns"][2:], ["Invoiced", "Amount"])
        self.assertEqual(table["rows"][0][:3], ["D8080", "Comprehensive orthodontics", 0.0])
        # The invoices do not open for them: they are told why.
        action = (
            self.env["clinic.crm.dashboard"]
            .with_user(doctor)
            .clinic_dashboard_open(MARCH | {"team_id": self.north.id}, "kpi_revenue")
        )
        self.assertEqual(action["tag"], "display_notification")
        # Other figures still open.
        action = (
            self.env["clinic.crm.dashboard"]
            .with_user(doctor)
            .clinic_dashboard_open(MARCH | {"team_id": self.north.id}, "kpi_retention_rate")
        )
        self.assertEqual(action["res_model"], "clinic.treatment.procedure")

    def test_billing_opens_the_invoices_counted(self):
        billing = self.users["billing"]
        board = self._board({"team_id": self.north.id}, billing)
        opened = {}
        for figure in ("kpi_revenue", "kpi_revenue_per_patient", "kpi_revenue_patients"):
            action = board.with_context(clinic_figure=figure).action_open_figure()
            self.assertIn("pivot", action["view_mode"])
            opened[figure] = (
                self.env[action["res_model"]].with_user(billing).search(action["domain"])
            )
        invoices = self.invoice_1 | self.invoice_2 | self.refund_1
        self.assertEqual(opened["kpi_revenue_per_patient"], invoices)
        self.assertEqual(opened["kpi_revenue_patients"], invoices)
        self.assertEqual(opened["kpi_revenue"], invoices.invoice_line_ids)
        self.assertEqual(sum(opened["kpi_revenue"].mapped("balance")), -2750.0)

    def test_location_staff_count_their_locations_invoices_only(self):
        user = new_test_user(
            self.env,
            login="revenue_south_front_desk",
            groups="crm_ortho_onboarding.group_clinic_front_desk",
        )
        self.env["crm.team.member"].create({"crm_team_id": self.south.id, "user_id": user.id})
        board = self._board(user=user)
        # Every location chosen, yet North's patients are not theirs to see.
        self.assertRecordValues(board, [{"kpi_revenue": 4000.0, "kpi_revenue_patients": 1}])
        self.assertEqual(
            board._clinic_revenue_by_type(), [("D8080", "Comprehensive orthodontics", 1.0, 4000.0)]
        )
