# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

MARCH = {"period": "month", "anchor": "2025-03-15"}


@tagged("post_install", "-at_install", "clinic_dashboard")
class TestDashboardIntake(BaseCommon):
    """Intake complete before the first visit, on four families of a location of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "Intake KPI", "clinic_pipeline_type": "ortho"}
        )
        survey = cls.env.ref("crm_intake_forms.intake_template_medical_history")
        Request = cls.env["clinic.intake.request"]
        cls.leads = {}
        # family: (forms completed on, or None: not done; False: no forms sent)
        for name, done in (
            ("Ready", datetime(2025, 3, 9, 20)),
            ("Late", datetime(2025, 3, 10, 12)),
            ("Never", None),
            ("NoForms", False),
        ):
            patient = cls.env["res.partner"].create(
                {"name": f"{name} Patient", "clinic_is_patient": True, "email": "p@example.com"}
            )
            lead = cls.env["crm.lead"].create(
                {
                    "name": name,
                    "type": "opportunity",
                    "clinic_first_name": name,
                    "clinic_last_name": "Intake",
                    "email_from": "p@example.com",
                    "team_id": cls.team.id,
                    "clinic_patient_id": patient.id,
                }
            )
            cls.leads[name] = lead
            cls.env["calendar.event"].create(
                {
                    "name": f"Consult {name}",
                    "clinic_is_consult": True,
                    "clinic_outcome": "attended",
                    "opportunity_id": lead.id,
                    "start": datetime(2025, 3, 10, 9),
                    "stop": datetime(2025, 3, 10, 10),
                }
            )
            if done is not False:
                Request.create(
                    {
                        "survey_id": survey.id,
                        "patient_id": patient.id,
                        "recipient_id": patient.id,
                        "lead_id": lead.id,
                        "state": "done" if done else "sent",
                        "date_done": done,
                    }
                )
        # A second visit of the ready family later in March is not a first visit.
        cls.env["calendar.event"].create(
            {
                "name": "Follow-up consult",
                "clinic_is_consult": True,
                "clinic_outcome": "attended",
                "opportunity_id": cls.leads["Late"].id,
                "start": datetime(2025, 3, 20, 9),
                "stop": datetime(2025, 3, 20, 10),
            }
        )

    def test_share_of_first_visits_with_forms_complete(self):
        board = self.env["clinic.crm.dashboard"]._clinic_board(MARCH | {"team_id": self.team.id})
        self.assertEqual(board.intake_first_visit_count, 3)  # the family without forms left out
        self.assertEqual(board.intake_ready_count, 1)
        self.assertAlmostEqual(board.intake_ready_rate, 100 / 3, places=2)
        action = board.with_context(clinic_figure="intake_ready_rate").action_open_figure()
        events = self.env["calendar.event"].search(action["domain"])
        self.assertEqual(len(events), 3)  # not the late family's second visit
        self.assertEqual(set(events.opportunity_id.mapped("name")), {"Ready", "Late", "Never"})
        values = self.env["clinic.crm.dashboard"].clinic_dashboard_data(
            MARCH | {"team_id": self.team.id}
        )
        tiles = {t["name"]: t for s in values["sections"] for t in s["tiles"]}
        self.assertEqual(tiles["intake_ready_rate"]["value"], "33.3 %")
        self.assertIn("÷", tiles["intake_ready_rate"]["definition"])
