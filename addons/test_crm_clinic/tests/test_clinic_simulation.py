# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.models.ir_cron import IrCron
from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

from .clinic_simulation import ClinicSimulation

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "clinic_simulation")
class TestClinicSimulation(TransactionCase):
    """A month of the clinic (all four addons, the real crons) keeps its promises."""

    def test_thirty_days_keep_the_invariants(self):
        sim = ClinicSimulation(self.env, days=30, leads_per_day=(2, 4), seed=11, coordinators=3)
        # Crons commit their progress between batches; a test may not commit.
        with patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
            report = sim.run()
        _logger.info("clinic simulation: %s %s", sim.counts, report)
        # The run exercised every channel and path the invariants are about.
        for key in (
            "leads_web",
            "leads_api",
            "leads_phone",
            "leads_referral",
            "forgotten",
            "consults_booked",
            "intake_completed",
            "records_requests",
        ):
            self.assertGreater(sim.counts[key], 0, key)
        self.assertGreater(report["intake_expiry_renewed_or_flagged"]["past_expiry"], 0)
        self.assertGreater(report["records_completed_or_escalated_before_due"]["due_by_end"], 0)
        self.assertGreater(report["overdue_followups_flagged"]["overdue"], 0)
        self.assertGreater(self.env["clinic.referral"].search_count([]), 0)
        for name, figures in report.items():
            self.assertEqual(figures["violations"], [], name)
        # The outcomes a clinic is judged on, from the dashboard's own code: they exist,
        # are shares, and agree with each other.
        outcome = sim.outcome
        _logger.info("clinic simulation outcomes: %s", outcome)
        self.assertGreater(outcome["leads"], 0)
        self.assertGreater(outcome["appointments_due"], 0)
        self.assertGreater(outcome["intake_first_visits"], 0)
        self.assertLessEqual(outcome["median_hours_to_contact"], outcome["p90_hours_to_contact"])
        for rate in ("intake_ready_rate", "no_show_rate", "consult_rate", "consult_start_rate"):
            self.assertTrue(0 <= outcome[rate] <= 100, rate)
        self.assertAlmostEqual(
            outcome["consult_rate"] * outcome["consult_start_rate"] / 100,
            outcome["start_rate"],
            places=6,
        )


@tagged("post_install", "-at_install", "clinic_simulation")
class TestPlanNextSteps(ClinicRolesCommon):
    """The nightly safety net: an open lead left without any activity gets a to-do."""

    def test_open_lead_without_activity_gets_a_todo_for_its_owner(self):
        lead = self.lead
        lead.activity_schedule("mail.mail_activity_data_call", summary="First call")
        # The call is marked done and nothing else is planned (done activities stay archived).
        lead.activity_ids.action_feedback(feedback="Called.")
        self.assertFalse(lead.activity_ids)
        won = lead.copy({"name": "Won one"})
        won.action_set_won()
        won.activity_ids.unlink()
        busy = lead.copy({"name": "Busy one"})
        busy.activity_ids.unlink()  # its Pending contact call: the test plans its own
        busy.activity_schedule("mail.mail_activity_data_call", summary="Call")
        with patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
            self.env["crm.lead"]._cron_clinic_plan_next_steps()
        self.assertEqual(lead.activity_ids.summary, "Plan the next step")
        self.assertEqual(lead.activity_ids.user_id, self.users["treatment_coordinator"])
        # The clinic's today (the cron's time zone), not UTC's: they differ late in the day.
        self.assertEqual(lead.activity_ids.date_deadline, fields.Date.context_today(lead))
        self.assertFalse(won.activity_ids)
        self.assertEqual(busy.activity_ids.mapped("summary"), ["Call"])
        # Running it again plans nothing twice.
        with patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
            self.env["crm.lead"]._cron_clinic_plan_next_steps()
        self.assertEqual(len(lead.activity_ids), 1)
        self.assertLess(fields.Date.today() - timedelta(days=1), lead.activity_ids.date_deadline)

    def test_sweep_creates_one_batch_of_todos_per_owner_and_resumes_by_id(self):
        coordinator = self.users["treatment_coordinator"]
        front_desk = self.users["front_desk"]
        leads = self.env["crm.lead"].browse()
        for n, owner in enumerate([coordinator, front_desk, coordinator, front_desk]):
            leads |= self.lead.copy({"name": f"Silent {n}", "user_id": owner.id})
        leads.activity_ids.unlink()
        Activity = type(self.env["mail.activity"])
        creates = []
        original_create = Activity.create

        def counting_create(records, vals_list):
            creates.append(len(vals_list) if isinstance(vals_list, list) else 1)
            return original_create(records, vals_list)

        progress = []

        def fake_progress(self_, processed=0, *, remaining=None, deactivate=False):
            progress.append(remaining)
            return 100.0

        with (
            patch.object(Activity, "create", counting_create),
            patch.object(IrCron, "_commit_progress", fake_progress),
        ):
            done = self.env["crm.lead"]._cron_clinic_plan_next_steps(batch_size=3)
        self.assertGreaterEqual(done, 4)
        for lead in leads:
            self.assertEqual(lead.activity_ids.user_id, lead.user_id)
        # Batches of three: the first holds two owners (two creates), not three leads.
        self.assertLess(len(creates), done)
        self.assertEqual(progress[-1], 0)
        self.assertEqual(progress, sorted(progress, reverse=True))
