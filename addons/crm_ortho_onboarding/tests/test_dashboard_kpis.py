# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common import ClinicRolesCommon

WEEK = {"period": "week", "anchor": "2025-03-05"}  # the week of Wednesday 5 March 2025
MONTH = {"period": "month", "anchor": "2025-03-05"}


@tagged("post_install", "-at_install", "clinic_dashboard")
class TestDashboardKpis(ClinicRolesCommon):
    """The dashboard's KPIs on hand-built data with known answers: a location of its own
    (North), another location of the same pipeline kind (South) and an ABA pipeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Working hours Monday–Friday 8–12 and 13–17 UTC: the speed-to-lead clock.
        calendar = cls.env["resource.calendar"].create({"name": "Clinic hours", "tz": "UTC"})
        cls.env.company.resource_calendar_id = calendar
        Team = cls.env["crm.team"]
        cls.north = Team.create({"name": "North (KPI)", "clinic_pipeline_type": "ortho"})
        cls.south = Team.create({"name": "South (KPI)", "clinic_pipeline_type": "ortho"})
        cls.aba = Team.create({"name": "ABA (KPI)", "clinic_pipeline_type": "aba"})
        teams = cls.north | cls.south | cls.aba
        cls.env["crm.stage"].create(
            [
                {"name": "Inquiry (KPI)", "sequence": 1, "team_ids": [(6, 0, teams.ids)]},
                {
                    "name": "Started (KPI)",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, teams.ids)],
                },
            ]
        )
        cls.source = cls.env["utm.source"].create({"name": "Google Ads (KPI)"})
        Lead = cls.env["crm.lead"]

        def lead(name, team, received, contacted=None, source=None):
            return Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "clinic_lead_type": "patient",
                    "clinic_first_name": name,
                    "clinic_last_name": "Kpi",
                    "email_from": f"{name.lower()}@example.com",
                    "team_id": team.id,
                    "clinic_received_date": received,
                    "clinic_first_contact_date": contacted,
                    "source_id": source and source.id,
                }
            )

        def consult(record, start, outcome=False):
            return cls.env["calendar.event"].create(
                {
                    "name": f"Consult {record.name}",
                    "clinic_is_consult": True,
                    "opportunity_id": record.id,
                    "start": start,
                    "stop": start.replace(hour=start.hour + 1),
                    "clinic_outcome": outcome,
                }
            )

        # North, received in the week of 3 March 2025.
        # Contacted after 1.5, 0.08, 2 and 0.17 working hours (16.5, 0.08, 3 and 46 h of
        # the clock): an evening inquiry called next morning, a weekend one on Monday.
        cls.l1 = lead(
            "Lone", cls.north, datetime(2025, 3, 3, 16), datetime(2025, 3, 4, 8, 30), cls.source
        )
        cls.l2 = lead("Missed", cls.north, datetime(2025, 3, 3, 9), datetime(2025, 3, 3, 9, 5))
        cls.l3 = lead("Started", cls.north, datetime(2025, 3, 4, 11), datetime(2025, 3, 4, 14))
        cls.l4 = lead("Seen", cls.north, datetime(2025, 3, 8, 10), datetime(2025, 3, 10, 8, 10))
        # North, received in February, consult due in the week with no outcome recorded.
        cls.l5 = lead("Earlier", cls.north, datetime(2025, 2, 20, 10))
        # North, received later in March: the month counts it, the week does not.
        cls.l6 = lead("Later", cls.north, datetime(2025, 3, 20, 10))
        consult(cls.l2, datetime(2025, 3, 3, 14), "no_show")
        consult(cls.l2, datetime(2025, 3, 6, 14), "no_show")
        consult(cls.l3, datetime(2025, 3, 4, 15), "attended")
        consult(cls.l4, datetime(2025, 3, 5, 15), "attended")
        consult(cls.l4, datetime(2025, 3, 7, 15), "canceled")
        consult(cls.l5, datetime(2025, 3, 6, 9))
        cls.l3.action_set_won()
        # North, received in the week and lost (archived): still a lead of the period.
        cls.l7 = lead("Lost", cls.north, datetime(2025, 3, 5, 10))
        cls.l7.action_set_lost()
        assert not cls.l7.active
        # South and ABA, received in the same week, both seen and started.
        cls.s1 = lead("Southern", cls.south, datetime(2025, 3, 4, 9), datetime(2025, 3, 4, 10))
        cls.a1 = lead("Therapy", cls.aba, datetime(2025, 3, 4, 9), datetime(2025, 3, 4, 12))
        for other in cls.s1 | cls.a1:
            consult(other, datetime(2025, 3, 5, 10), "attended")
            other.action_set_won()

    def _data(self, filters, user=None):
        Board = self.env["clinic.crm.dashboard"]
        if user:
            Board = Board.with_user(user)
        return Board._clinic_board(filters)

    def test_week_of_one_location(self):
        board = self._data(WEEK | {"team_id": self.north.id})
        # The language's week (Sunday or Monday first) holds 3 to 8 March.
        self.assertEqual((board.date_to - board.date_from).days, 6)
        self.assertLessEqual(board.date_from, date(2025, 3, 3))
        self.assertGreaterEqual(board.date_to, date(2025, 3, 8))
        self.assertRecordValues(
            board,
            [
                {
                    "lead_count": 5,  # the lost family counts
                    "consult_count": 3,  # Missed, Started, Seen
                    "start_count": 1,
                    "consult_rate": 60.0,
                    "start_rate": 20.0,
                    # Due: two no-shows, two attended, one without outcome; canceled left out.
                    "appointment_due_count": 5,
                    "no_show_count": 2,
                    "no_show_rate": 40.0,
                }
            ],
        )
        self.assertAlmostEqual(board.consult_start_rate, 100 / 3, places=2)
        # Working hours 1/12, 1/6, 1.5 and 2: median 0.83 h, 90th percentile 1.85 h.
        self.assertAlmostEqual(board.median_hours_to_contact, 0.83, places=2)
        self.assertAlmostEqual(board.p90_hours_to_contact, 1.85, places=2)

    def test_no_show_rate_counts_appointments_not_leads(self):
        """Two no-shows of one family are two missed appointments of five due, never
        more than all appointments due (it was 2 no-shows ÷ 3 leads booked)."""
        board = self._data(WEEK | {"team_id": self.north.id})
        action = board.with_context(clinic_figure="no_show_rate").action_open_figure()
        self.assertEqual(action["res_model"], "calendar.event")
        events = self.env["calendar.event"].search(action["domain"])
        self.assertEqual(len(events), board.appointment_due_count)
        self.assertEqual(set(events.mapped("clinic_outcome")), {"no_show", "attended", False})
        consults = self.env.ref("crm_ortho_onboarding.calendar_event_view_list_clinic_consults")
        self.assertEqual(action["views"][0], (consults.id, "list"))

    def test_month_view_and_previous_period(self):
        board = self._data(MONTH | {"team_id": self.north.id})
        self.assertEqual((board.date_from, board.date_to), (date(2025, 3, 1), date(2025, 3, 31)))
        self.assertEqual(board._clinic_previous_period(), (date(2025, 2, 1), date(2025, 2, 28)))
        self.assertEqual((board.lead_count, board.consult_count, board.start_count), (6, 3, 1))
        week = self._data(WEEK)
        self.assertEqual(
            week._clinic_previous_period(),
            (week.date_from - timedelta(days=7), week.date_from - timedelta(days=1)),
        )

    def test_every_figure_respects_pipeline_and_location(self):
        everything = self._data(WEEK)
        ortho = self._data(WEEK | {"pipeline_type": "ortho"})
        south = self._data(WEEK | {"team_id": self.south.id})
        self.assertGreaterEqual(everything.lead_count, 6)
        self.assertEqual(everything.lead_count - ortho.lead_count, 1)  # the ABA lead
        self.assertEqual(everything.start_count - ortho.start_count, 1)
        self.assertEqual(everything.appointment_due_count - ortho.appointment_due_count, 1)
        self.assertRecordValues(
            south,
            [
                {
                    "lead_count": 1,
                    "consult_count": 1,
                    "start_count": 1,
                    "appointment_due_count": 1,
                    "no_show_count": 0,
                    "median_hours_to_contact": 1.0,
                }
            ],
        )
        for figure in ("lead_count", "consult_start_rate", "no_show_rate"):
            action = south.with_context(clinic_figure=figure).action_open_figure()
            records = self.env[action["res_model"]].search(action["domain"])
            teams = (
                records.team_id if records._name == "crm.lead" else records.opportunity_id.team_id
            )
            self.assertEqual(teams, self.south, figure)

    def test_drill_down_lists_what_the_figure_counts(self):
        board = self._data(WEEK | {"team_id": self.north.id})
        Lead = self.env["crm.lead"]
        for figure, expected in (
            ("lead_count", self.l1 | self.l2 | self.l3 | self.l4 | self.l7),
            ("consult_start_rate", self.l2 | self.l3 | self.l4),
            ("start_count", self.l3),
            ("median_hours_to_contact", self.l1 | self.l2 | self.l3 | self.l4),
        ):
            action = board.with_context(clinic_figure=figure).action_open_figure()
            self.assertEqual(Lead.search(action["domain"]), expected, figure)

    def test_each_kpi_is_defined_in_words(self):
        values = self.env["clinic.crm.dashboard"].clinic_dashboard_data(WEEK)
        tiles = [tile for section in values["sections"] for tile in section["tiles"]]
        self.assertTrue(tiles)
        for tile in tiles:
            self.assertTrue(tile["definition"], tile["name"])
            if tile["name"].endswith("_rate"):
                self.assertIn("÷", tile["definition"], tile["name"])

    def test_screen_saves_no_record_and_reads_in_clinic_words(self):
        Board = self.env["clinic.crm.dashboard"]
        before = Board.search_count([])
        values = Board.clinic_dashboard_data(WEEK | {"team_id": self.north.id})
        self.assertEqual(Board.search_count([]), before, "a visit must not create a record")
        action = self.env.ref("crm_ortho_onboarding.clinic_crm_dashboard_action_screen")
        self.assertEqual((action.type, action.path), ("ir.actions.client", "clinic-dashboard"))
        by_source = next(t for t in values["tables"] if t["title"] == "By source")
        labels = [row[0] for row in by_source["rows"]]
        self.assertIn("Unknown source", labels)
        self.assertIn("Google Ads (KPI)", labels)
        self.assertNotIn("None", labels)
        tiles = {t["name"]: t for s in values["sections"] for t in s["tiles"]}
        self.assertEqual(tiles["no_show_rate"]["value"], "40.0 %")
        self.assertEqual(tiles["no_show_rate"]["note"], "2 of 5 appointments due")
        self.assertEqual(tiles["median_hours_to_contact"]["value"], "50 min")

    def test_weeks_sort_by_date(self):
        board = self._data(
            {"period": "custom", "date_from": "2025-02-01", "date_to": "2025-03-31"}
            | {"team_id": self.north.id}
        )
        starts = [row[0] for row in board._clinic_trend_rows()]
        self.assertEqual(starts, sorted(starts))
        self.assertEqual(len(starts), 3)  # the weeks of 20 February, 3 to 8 March and 20 March
        self.assertEqual(sum(row[2] for row in board._clinic_trend_rows()), 7)

    def test_dashboard_queries_do_not_grow_with_leads(self):
        Board = self.env["clinic.crm.dashboard"]
        filters = MONTH | {"team_id": self.north.id}
        Board.clinic_dashboard_data(filters)  # warm the registry's caches
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        Board.clinic_dashboard_data(filters)
        few = self.env.cr.sql_log_count - before
        self.env["crm.lead"].create(
            [
                {
                    "name": f"More {i}",
                    "clinic_lead_type": "patient",
                    "clinic_first_name": f"More{i}",
                    "clinic_last_name": "Kpi",
                    "email_from": "more@example.com",
                    "team_id": self.north.id,
                    "clinic_received_date": datetime(2025, 3, 12, 9),
                    "clinic_first_contact_date": datetime(2025, 3, 12, 9, 30),
                    "source_id": self.env["utm.source"].create({"name": f"Source {i}"}).id,
                }
                for i in range(15)
            ]
        )
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        values = Board.clinic_dashboard_data(filters)
        many = self.env.cr.sql_log_count - before
        tiles = {t["name"]: t for s in values["sections"] for t in s["tiles"]}
        self.assertEqual(tiles["lead_count"]["value"], "21")
        self.assertEqual(many, few, "the dashboard costs queries per lead (N+1)")
