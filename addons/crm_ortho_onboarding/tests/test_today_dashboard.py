# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from lxml import etree

from odoo.tests import freeze_time, tagged

from odoo.addons.base.models.ir_cron import IrCron

from .common import ClinicRolesCommon


@freeze_time("2026-03-04 15:00:00")  # a Wednesday; UTC users
@tagged("post_install", "-at_install", "clinic_followup")
class TestTodayDigestDashboard(ClinicRolesCommon):
    """Today's list, the morning digest and the dashboard figures on a known data set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.team = cls.env["crm.team"].create(
            {"name": "Test Clinic", "clinic_pipeline_type": "ortho"}
        )
        cls.env["crm.stage"].create(
            [
                {"name": "Inquiry", "sequence": 1, "team_ids": [(6, 0, cls.team.ids)]},
                {
                    "name": "Started",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, cls.team.ids)],
                },
            ]
        )
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team.id, "user_id": cls.coordinator.id, "assignment_optout": True}
        )
        status = cls.env.ref("crm_ortho_onboarding.clinic_followup_status_call_later")
        Lead = cls.env["crm.lead"]
        base = {"team_id": cls.team.id, "clinic_last_name": "Test", "email_from": "x@example.com"}

        def lead(name, **values):
            return Lead.create(base | {"clinic_first_name": name, "name": name} | values)

        received = datetime(2026, 3, 2, 9, 0)
        cls.overdue = lead(
            "Overdue",
            user_id=cls.coordinator.id,
            clinic_received_date=received,
            clinic_first_contact_date=datetime(2026, 3, 2, 9, 30),
            clinic_followup_status_id=status.id,
            clinic_followup_date=datetime(2026, 3, 3, 10, 0),
            clinic_urgency="high",
        )
        cls.due_today = lead(
            "Due today",
            user_id=cls.coordinator.id,
            clinic_received_date=received,
            clinic_first_contact_date=datetime(2026, 3, 2, 11, 0),
            clinic_followup_status_id=status.id,
            clinic_followup_date=datetime(2026, 3, 4, 17, 0),
        )
        cls.next_week = lead(
            "Next week",
            user_id=cls.coordinator.id,
            clinic_received_date=received,
            clinic_first_contact_date=datetime(2026, 3, 2, 13, 0),
            clinic_followup_status_id=status.id,
            clinic_followup_date=datetime(2026, 3, 11, 10, 0),
        )
        cls.new_web = lead(
            "New web lead",
            clinic_received_date=datetime(2026, 3, 4, 14, 50),
            user_id=False,
            clinic_first_contact_due=datetime(2026, 3, 4, 15, 5),
        )
        cls.won = lead(
            "Started",
            user_id=cls.coordinator.id,
            clinic_received_date=datetime(2026, 2, 10, 9),
            clinic_first_contact_date=datetime(2026, 2, 10, 13),
        )
        cls.won.calendar_event_ids = [
            (
                0,
                0,
                {
                    "name": "Consult",
                    "clinic_is_consult": True,
                    "clinic_outcome": "attended",
                    "start": datetime(2026, 2, 12, 9),
                    "stop": datetime(2026, 2, 12, 10),
                },
            ),
        ]
        cls.won.action_set_won()
        assert cls.won.won_status == "won"
        cls.no_show = lead(
            "No show",
            user_id=cls.coordinator.id,
            clinic_received_date=datetime(2026, 2, 20, 9),
            clinic_first_contact_date=datetime(2026, 2, 20, 10),
        )
        cls.no_show.calendar_event_ids = [
            (
                0,
                0,
                {
                    "name": "Consult",
                    "clinic_is_consult": True,
                    "clinic_outcome": "no_show",
                    "start": datetime(2026, 2, 25, 9),
                    "stop": datetime(2026, 2, 25, 10),
                },
            ),
        ]
        cls.old = lead("Last year", clinic_received_date=datetime(2025, 3, 1, 9))
        # Leads worked long ago: their day-0 calls were made then.
        (cls.won | cls.no_show | cls.old).activity_ids.unlink()

    def test_today_lists_overdue_due_today_and_new_leads_only(self):
        today = self.env["crm.lead"].search(
            [("team_id", "=", self.team.id), ("clinic_on_today", "=", True)]
        )
        self.assertEqual(today, self.overdue | self.due_today | self.new_web)
        self.assertEqual(self.overdue.clinic_today_reason, "Overdue")
        self.assertEqual(self.due_today.clinic_today_reason, "Due today")
        self.assertEqual(self.new_web.clinic_today_reason, "New – not contacted")
        self.assertFalse(self.next_week.clinic_today_reason)
        self.assertTrue(self.overdue.clinic_followup_overdue)
        self.assertEqual(
            self.env["crm.lead"].search(
                [("team_id", "=", self.team.id), ("clinic_followup_overdue", "=", True)]
            ),
            self.overdue,  # the new lead's first call is due at 15:05, not overdue yet
        )

    def _count_queries(self, func):
        before = self.env.cr.sql_log_count
        func()
        return self.env.cr.sql_log_count - before

    def test_today_list_reads_in_constant_queries(self):
        view = self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today")
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        views = Lead.get_views([(view.id, "list")])
        spec = {name: {} for name in views["models"]["crm.lead"]["fields"]}
        for name in ("user_id", "team_id", "clinic_followup_status_id"):
            spec[name] = {"fields": {"display_name": {}}}
        domain = [("team_id", "=", self.team.id), ("clinic_on_today", "=", True)]
        Lead.web_search_read(domain, spec)  # warm up caches of the registry
        self.env.invalidate_all()
        few = self._count_queries(lambda: Lead.web_search_read(domain, spec))
        self.env["crm.lead"].create(
            [
                {
                    "clinic_first_name": f"N{i}",
                    "clinic_last_name": "Test",
                    "team_id": self.team.id,
                    "email_from": "n@example.com",
                    "user_id": self.coordinator.id,
                    "clinic_first_contact_due": datetime(2026, 3, 4, 15),
                }
                for i in range(10)
            ]
        )
        self.env.invalidate_all()
        result = {}
        many = self._count_queries(lambda: result.update(Lead.web_search_read(domain, spec)))
        self.assertEqual(result["length"], 13)
        self.assertEqual(many, few, "the Today list costs queries per lead (N+1)")
        self.assertLess(few, 40)

    def test_digest_lists_the_coordinators_day(self):
        values = self.coordinator._clinic_digest_values()
        overdue_su = self.env["crm.lead"].search(
            [("user_id", "=", self.coordinator.id)]
            + list(self.env["crm.lead"]._clinic_followup_overdue_domain())
        )
        self.assertEqual(overdue_su & self.team_leads(), self.overdue, "as superuser")
        self.assertEqual(values["overdue"] & self.team_leads(), self.overdue)
        self.assertEqual(values["due_today"] & self.team_leads(), self.due_today)
        self.assertEqual(values["unassigned"] & self.team_leads(), self.new_web)
        mail = self.coordinator._clinic_send_digest()
        self.assertIn("1 overdue", mail.subject)
        self.assertIn("Due today", mail.body_html)
        self.assertIn("New web lead", mail.body_html)
        self.assertNotIn("Next week", mail.body_html)
        self.assertEqual(mail.email_to, self.coordinator.email_formatted)

    def team_leads(self):
        return self.env["crm.lead"].search([("team_id", "=", self.team.id)])

    def test_digest_cron_sends_once_a_day_and_resumes(self):
        self.coordinator.email = "coordinator@example.com"
        with patch.object(IrCron, "_commit_progress", lambda *a, **k: 100.0):
            self.env["res.users"]._cron_clinic_daily_digest()
            sent = self.env["mail.mail"].search([("email_to", "ilike", "coordinator@example.com")])
            self.assertEqual(len(sent), 1)
            self.assertEqual(self.coordinator.clinic_digest_last_sent, date(2026, 3, 4))
            self.env["res.users"]._cron_clinic_daily_digest()  # e.g. restarted after a crash
        again = self.env["mail.mail"].search([("email_to", "ilike", "coordinator@example.com")])
        self.assertEqual(again, sent)

    def test_dashboard_figures_are_exact(self):
        board = (
            self.env["clinic.crm.dashboard"]
            .with_user(self.coordinator)
            .create(
                {
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 3, 4),
                    "team_id": self.team.id,
                }
            )
        )
        self.assertRecordValues(
            board,
            [
                {
                    "lead_count": 6,  # not last year's
                    "urgent_open_count": 1,
                    # Due today, and the new web lead's day-0 call (Pending contact).
                    "followup_today_count": 2,
                    "uncontacted_count": 1,
                    "consult_count": 2,
                    "start_count": 1,
                    "no_show_count": 1,
                    "no_show_rate": 50.0,
                }
            ],
        )
        self.assertAlmostEqual(board.consult_rate, 33.33, places=2)
        self.assertAlmostEqual(board.start_rate, 16.67, places=2)
        # Contacted after 0.5, 1, 2, 4 and 4 hours: the median is 2 hours.
        self.assertEqual(board.median_hours_to_contact, 2.0)
        rows = board._funnel_rows("user_id")
        self.assertIn((self.coordinator.name, 5, 2, 1), rows)
        action = board.with_context(clinic_figure="urgent_open_count").action_open_figure()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), self.overdue)

    def test_dashboard_respects_what_the_user_may_see(self):
        other_company = self.env["res.company"].create({"name": "Other clinic"})
        other_team = self.env["crm.team"].create(
            {"name": "Other", "clinic_pipeline_type": "ortho", "company_id": other_company.id}
        )
        self.overdue.write(
            {"company_id": other_company.id, "team_id": other_team.id, "user_id": False}
        )
        period = {"date_from": date(2026, 2, 1), "date_to": date(2026, 3, 4)}
        board_all = self.env["clinic.crm.dashboard"].create(period)
        board_ro = (
            self.env["clinic.crm.dashboard"].with_user(self.users["read_only"]).create(period)
        )
        self.assertEqual(board_ro.lead_count, board_all.lead_count - 1)

    def test_dashboard_cost_does_not_grow_with_leads(self):
        board = self.env["clinic.crm.dashboard"].create(
            {"date_from": date(2026, 2, 1), "date_to": date(2026, 3, 4), "team_id": self.team.id}
        )
        board.invalidate_recordset()
        with self.assertQueryCount(20):
            self.assertEqual(board.lead_count, 6)  # computes every figure
        self.env["crm.lead"].create(
            [
                {
                    "clinic_first_name": f"M{i}",
                    "clinic_last_name": "Test",
                    "team_id": self.team.id,
                    "clinic_received_date": datetime(2026, 3, 1, 9),
                    "email_from": "m@example.com",
                }
                for i in range(20)
            ]
        )
        board.invalidate_recordset()
        with self.assertQueryCount(20):
            self.assertEqual(board.lead_count, 26)

    def test_today_list_shows_what_a_caller_needs_first(self):
        arch = self.env["crm.lead"].get_view(
            self.env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today").id, "list"
        )["arch"]
        root = etree.fromstring(arch)
        columns = [
            node
            for node in root.xpath("./field")
            if node.get("column_invisible") not in ("1", "True", "true")
        ]
        shown = [node.get("name") for node in columns if node.get("optional") != "hide"]
        self.assertEqual(
            shown,
            [
                "name",
                "clinic_today_reason",
                "phone",
                "clinic_followup_status_id",
                "activity_summary",
            ],
        )
        # The score is a score (0–100 from the rules), not a bar that reads like a chance.
        score = root.xpath("./field[@name='clinic_score']")[0]
        self.assertNotEqual(score.get("widget"), "progressbar")

    def test_opted_out_families_leave_the_call_list(self):
        on_today = [("team_id", "=", self.team.id), ("clinic_on_today", "=", True)]
        self.assertTrue(
            self.overdue.activity_ids.filtered(lambda a: a.activity_category == "phonecall")
        )
        self.overdue.clinic_do_not_contact = True
        self.assertEqual(self.overdue.clinic_opt_out_label, "Do not contact")
        self.assertFalse(self.overdue.clinic_today_reason)
        self.assertNotIn(self.overdue, self.env["crm.lead"].search(on_today))
        self.assertFalse(self.overdue.activity_ids)
        self.assertIn("Calls canceled", self.overdue.message_ids[0].body)
        self.assertIn("asked not to be contacted", self.overdue.message_ids[0].body)
        # Texting STOP blocks the number: the family leaves the list too.
        self.due_today.phone = "+12127365003"
        self.assertTrue(self.due_today.activity_ids)
        self.env["phone.blacklist"].sudo()._add([self.due_today.phone_sanitized], message="STOP")
        self.due_today.invalidate_recordset()
        self.assertEqual(self.due_today.clinic_opt_out_label, "Opted out (STOP)")
        self.assertEqual(self.env["crm.lead"].search(on_today), self.new_web)
        self.assertFalse(
            self.due_today.activity_ids.filtered(lambda a: a.activity_category == "phonecall")
        )
        self.assertIn("Calls canceled", self.due_today.message_ids[0].body)
        # Opted-out leads are not given a new call by a follow-up status.
        self.overdue.clinic_followup_status_id = self.env.ref(
            "crm_ortho_onboarding.clinic_followup_status_no_response"
        )
        self.assertFalse(self.overdue.activity_ids)
