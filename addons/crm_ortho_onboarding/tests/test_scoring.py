# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.base.models.ir_cron import IrCron

from .common import ScoringCommon


@tagged("post_install", "-at_install", "clinic_followup")
class TestScoring(ScoringCommon):
    """Rule-based score, 0–100, with the reasons that gave it."""

    def test_shipped_rules_score_and_explain(self):
        lead = self._lead(
            phone="+1 312 555 0101",
            email_from="reyes@example.com",
            clinic_insurance_carrier="Delta Dental",
            zip="60614",
        )
        self.assertEqual(lead.clinic_score, 35)
        self.assertEqual(
            lead.clinic_score_reasons.splitlines(),
            ["+15 Phone number given", "+10 Has insurance", "+10 E-mail given"],
        )
        self.assertEqual(lead.clinic_score_top, "Phone number given (+15), Has insurance (+10)")

    def test_score_follows_changes(self):
        lead = self._lead(email_from="reyes@example.com", zip="60614")
        self.assertEqual(lead.clinic_score, 10)
        doctor = self.env["res.partner"].create({"name": "Dr. Whitaker"})
        lead.clinic_referred_by_id = doctor
        self.assertEqual(lead.clinic_score, 40)
        self.assertIn("+30 Referred by a doctor", lead.clinic_score_reasons)

    def test_out_of_area_subtracts_and_the_score_stays_within_0_100(self):
        lead = self._lead(email_from="reyes@example.com", zip="90210")
        self.assertTrue(lead.clinic_out_of_area)
        self.assertEqual(lead.clinic_score, 0)
        self.assertIn("-50 Out of the service area", lead.clinic_score_reasons)
        self.env["clinic.score.rule"].create(
            {"name": "VIP", "points": 100, "domain": "[('email_from', '!=', False)]"}
        )
        lead.zip = "60714"
        self.assertEqual(lead.clinic_score, 100)

    def test_an_admin_rule_counts_at_once(self):
        lead = self._lead(email_from="reyes@example.com", zip="60614")
        rule = self.env["clinic.score.rule"].create(
            {"name": "Aligners", "points": 5, "domain": "[('clinic_concern', '=', 'invisalign')]"}
        )
        self.assertEqual(rule._fields_used() & {"clinic_concern"}, {"clinic_concern"})
        lead.clinic_concern = "invisalign"
        self.assertEqual(lead.clinic_score, 15)

    def test_a_broken_rule_is_refused_with_its_name(self):
        with self.assertRaisesRegex(ValidationError, "Condition of rule “Typo”"):
            self.env["clinic.score.rule"].create(
                {"name": "Typo", "points": 5, "domain": "[('no_such_field', '=', 1)]"}
            )
        with self.assertRaisesRegex(ValidationError, "between -100 and 100"):
            self.env["clinic.score.rule"].create({"name": "Huge", "points": 500, "domain": "[]"})

    def test_only_admins_change_rules(self):
        for role in ("treatment_coordinator", "front_desk", "read_only"):
            with self.assertRaises(AccessError, msg=role):
                self.env["clinic.score.rule"].with_user(self.users[role]).create(
                    {"name": "Mine", "points": 5, "domain": "[]"}
                )
        self.env["clinic.score.rule"].with_user(self.users["clinic_admin"]).create(
            {"name": "Admin's", "points": 5, "domain": "[]"}
        )

    def test_nightly_recompute_resumes_where_it_stopped(self):
        leads = self._lead(email_from="a@example.com") | self._lead(email_from="b@example.com")
        # Scores drift (e.g. a rule on age); simulate by clearing them in SQL.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET clinic_score = 0 WHERE id IN %s", [tuple(leads.ids)]
        )
        leads.invalidate_recordset()
        key = "crm_ortho_onboarding.score_cron_last_id"
        self.env["ir.config_parameter"].set_param(key, leads[0].id)  # crashed after the first
        calls = []

        def fake_progress(self_, processed=0, *, remaining=None, deactivate=False):
            calls.append((processed, remaining))
            return 100.0  # seconds left; no commit inside a test

        with patch.object(IrCron, "_commit_progress", fake_progress):
            self.env["crm.lead"]._cron_clinic_recompute_scores(batch_size=1)
        self.assertEqual(leads[0].clinic_score, 0, "already done before the crash")
        self.assertEqual(leads[1].clinic_score, 10)
        self.assertTrue(calls)
        self.assertEqual(self.env["ir.config_parameter"].get_param(key), "0")

    def test_nightly_rescoring_skips_closed_leads(self):
        """Won, lost and archived leads keep their last score; open ones are refreshed."""
        open_lead, lost = (self._lead(email_from=f"{n}@example.com") for n in "ol")
        # A team without clinic stages: winning needs no gate of an optional addon.
        plain = self.env["crm.team"].create({"name": "Plain team"})
        won = self._lead(email_from="w@example.com", team_id=plain.id)
        won.action_set_won()
        lost.action_set_lost()
        self.assertEqual((won.won_status, lost.won_status), ("won", "lost"))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET clinic_score = 0 WHERE id IN %s",
            [(open_lead.id, won.id, lost.id)],
        )
        (open_lead | won | lost).invalidate_recordset()
        with patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
            self.env["crm.lead"]._cron_clinic_recompute_scores()
        self.assertEqual(open_lead.clinic_score, 10)
        self.assertEqual((won.clinic_score, lost.clinic_score), (0, 0))

    def test_nightly_rescoring_batches_writes(self):
        """Leads with the same outcome are written together (crm_clinic_audit checks
        that the derived score leaves its trail alone)."""
        leads = self.env["crm.lead"].browse()
        for n in range(6):
            leads |= self._lead(email_from=f"batch{n}@example.com")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET clinic_score = 0 WHERE id IN %s", [tuple(leads.ids)]
        )
        leads.invalidate_recordset()
        Lead = type(self.env["crm.lead"])
        writes = []
        original_write = Lead.write

        def counting_write(records, vals):
            if "clinic_score" in vals:
                writes.append(len(records))
            return original_write(records, vals)

        with patch.object(Lead, "write", counting_write):
            leads._clinic_compute_score()
        self.assertEqual(leads.mapped("clinic_score"), [10] * 6)
        self.assertEqual(writes, [6], "one write for six leads with the same score")
