"""Benchmark: the coordinator's Today list and the dashboard at 100k and 1M leads,
against stock Odoo CRM's pipeline kanban load, in the same run and database.

Usage (after ./clinic setup):
    .venv/bin/python bench/bench_followup.py [--sizes 100000,1000000] [--repeat 5] [--keep]

It installs crm_ortho_onboarding (no demo) into a throwaway database, bulk-loads
leads with SQL (realistic mix: statuses, follow-up dates, activities, consults,
five coordinators), then times each screen's server work as one coordinator sees it
(median of --repeat runs, caches cleared before each), counts its SQL queries, and
writes the figures between the bench:followup markers of docs/PERFORMANCE.md.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from ast import literal_eval
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from clinic_lib import odoo_command, postgres_server

DB = "clinic_bench_followup"
MARK_START, MARK_END = "<!-- bench:followup:start -->", "<!-- bench:followup:end -->"
COORDINATORS = 5


def odoo_src():
    src = os.environ.get("ODOO_SRC") or str(Path.home() / ".cache/clinic-crm/odoo-19.0")
    if not (Path(src) / "odoo-bin").exists():
        sys.exit(f"no Odoo source at {src}: run ./clinic setup or set ODOO_SRC")
    return src


def prepare_database(pg, src, db, modules, template=None):
    """A fresh benchmark database ``db``: a copy of ``template``, or ``modules`` installed
    without demo data. Shared by the benchmarks under bench/."""
    pg.drop_database(db)
    if template:
        pg.clone_database(template, db)
        return
    cmd = odoo_command(
        src,
        pg,
        "-d",
        db,
        "-i",
        ",".join(modules),
        "--stop-after-init",
        "--log-level=warn",
        config=False,
    )
    subprocess.run(cmd, check=True)


def load_leads(env, total):
    """Bulk insert ``total`` leads (and their activities) with SQL, like months of use."""
    cr = env.cr
    team = env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
    stages = env["crm.stage"].search([("team_ids", "in", team.id)], order="sequence")
    statuses = env["clinic.followup.status"].search([], order="sequence")
    users = env["res.users"]
    group = env.ref("crm_ortho_onboarding.group_clinic_treatment_coordinator")
    for i in range(COORDINATORS):
        login = f"bench_coordinator_{i}"
        user = env["res.users"].search([("login", "=", login)])
        users |= user or env["res.users"].create(
            {
                "name": f"Coordinator {i}",
                "login": login,
                "group_ids": [(6, 0, group.ids)],
                "tz": "UTC",
            }
        )
    env.flush_all()
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM crm_lead")
    start_id = cr.fetchone()[0]
    call_type = env.ref("mail.mail_activity_data_call")
    won_stage = stages.filtered("is_won")[:1]
    cr.execute(
        """
        INSERT INTO crm_lead (
            name, type, active, team_id, stage_id, user_id, company_id, clinic_lead_type,
            clinic_first_name, clinic_last_name, email_from, email_normalized, phone,
            clinic_received_date, clinic_first_contact_date, clinic_hours_to_first_contact,
            clinic_work_hours_to_first_contact, clinic_first_contact_due,
            clinic_followup_status_id, clinic_followup_date,
            clinic_urgency, clinic_score, probability, won_status, clinic_funnel_step,
            clinic_consult_booked, clinic_consult_attended, clinic_no_show_count,
            clinic_lead_stage, clinic_followup_streak, priority, color, date_open,
            date_last_stage_update, create_date, write_date, create_uid, write_uid
        )
        SELECT
            'Bench lead ' || g, CASE WHEN g %% 3 = 0 THEN 'lead' ELSE 'opportunity' END, TRUE,
            %(team)s, (%(stages)s::int[])[1 + g %% %(nstages)s],
            (%(users)s::int[])[1 + g %% %(nusers)s],
            1, 'patient', 'Kid' || g, 'Family' || (g %% 5000), 'family' || g || '@example.com',
            'family' || g || '@example.com', '+1312555' || lpad((g %% 10000)::text, 4, '0'),
            received, CASE WHEN g %% 5 <> 0 THEN received + interval '2 hours' END,
            CASE WHEN g %% 5 <> 0 THEN 2.0 ELSE 0 END,
            CASE WHEN g %% 5 <> 0 THEN (g %% 7) * 0.25 ELSE 0 END,
            CASE WHEN g %% 5 = 0 THEN received + interval '15 minutes' END,
            (%(statuses)s::int[])[1 + g %% %(nstatuses)s],
            CASE WHEN g %% 5 = 1
                 THEN now() at time zone 'UTC' + ((g %% 21) - 10) * interval '1 day' END,
            CASE WHEN g %% 17 = 0 THEN 'high' ELSE 'normal' END, g %% 101, 10,
            CASE WHEN (%(stages)s::int[])[1 + g %% %(nstages)s] = %(won)s
                 THEN 'won' ELSE 'pending' END,
            CASE WHEN (%(stages)s::int[])[1 + g %% %(nstages)s] = %(won)s THEN 'start'
                 WHEN g %% 4 = 0 THEN 'consult' ELSE 'lead' END,
            g %% 4 = 0, g %% 8 = 0, CASE WHEN g %% 40 = 0 THEN 1 ELSE 0 END,
            'prospect', 1, '0', 0, received, received, received, received, 1, 1
        FROM (
            SELECT g, (now() at time zone 'UTC') - (g %% 365) * interval '1 day'
                      - (g %% 24) * interval '1 hour' AS received
            FROM generate_series(%(first)s, %(last)s) AS g
        ) AS s
        """,
        {
            "team": team.id,
            "stages": stages.ids,
            "nstages": len(stages),
            "users": users.ids,
            "nusers": len(users),
            "statuses": statuses.ids,
            "nstatuses": len(statuses),
            "won": won_stage.id or 0,
            "first": start_id + 1,
            "last": start_id + total,
        },
    )
    # The consultations behind clinic_consult_booked: one per lead with a consult, three
    # days after the inquiry; attended for half of them, a no-show for one in ten.
    cr.execute(
        """
        INSERT INTO calendar_event (name, start, stop, duration, allday, active, show_as,
                                    user_id, opportunity_id, res_model, res_id,
                                    clinic_is_consult, clinic_outcome,
                                    create_date, write_date, create_uid, write_uid)
        SELECT 'Consult ' || l.name, l.clinic_received_date + interval '3 days',
               l.clinic_received_date + interval '3 days 1 hour', 1.0, FALSE, TRUE, 'busy',
               l.user_id, l.id, 'crm.lead', l.id, TRUE,
               CASE WHEN l.id %% 40 = 0 THEN 'no_show' WHEN l.id %% 8 = 0 THEN 'attended' END,
               l.create_date, l.create_date, 1, 1
        FROM crm_lead l WHERE l.id > %(first)s AND l.clinic_consult_booked
        """,
        {"first": start_id},
    )
    # One open activity for one lead in ten, due around today.
    cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id,
                                   summary, date_deadline, user_id, create_date, write_date,
                                   create_uid, write_uid, active)
        SELECT %(model)s, 'crm.lead', l.id, l.name, %(call)s, 'Call back',
               (now() at time zone 'UTC')::date + ((l.id %% 15) - 7), l.user_id,
               l.create_date, l.create_date, 1, 1, TRUE
        FROM crm_lead l WHERE l.id > %(first)s AND l.id %% 10 = 0
        """,
        {"model": env["ir.model"]._get_id("crm.lead"), "call": call_type.id, "first": start_id},
    )
    # What the ORM keeps up to date on every activity change, set here in bulk.
    cr.execute(
        """
        UPDATE crm_lead l SET clinic_activity_deadline = a.due
        FROM (SELECT res_id, MIN(date_deadline) AS due FROM mail_activity
              WHERE res_model = 'crm.lead' AND active GROUP BY res_id) AS a
        WHERE a.res_id = l.id AND l.id > %(first)s
        """,
        {"first": start_id},
    )
    cr.execute("ANALYZE crm_lead")
    cr.execute("ANALYZE mail_activity")
    cr.execute("ANALYZE calendar_event")
    env.invalidate_all()
    return users


def measure(env, func, repeat, cold=True):
    """Median wall time (ms) and SQL queries of ``func`` on a cold ORM cache.

    ``cold`` also empties the registry's caches (access rules, views), as after a
    restart; a capture request on a running server finds them warm.
    """
    func()  # warm up the registry and PostgreSQL's buffers
    times, queries = [], []
    for _ in range(repeat):
        env.invalidate_all()
        if cold:
            env.registry.clear_cache()
        before = env.cr.sql_log_count
        t0 = time.perf_counter()
        func()
        times.append((time.perf_counter() - t0) * 1000)
        queries.append(env.cr.sql_log_count - before)
    return statistics.median(times), max(queries)


def screens(env, user):
    """The three screens' server work, as ``user`` loads them."""
    Lead = env["crm.lead"].with_user(user).with_context(tz="UTC", lang="en_US")
    today_action = env.ref("crm_ortho_onboarding.crm_lead_action_clinic_today")
    today_view = env.ref("crm_ortho_onboarding.crm_lead_view_list_clinic_today")
    list_fields = Lead.get_views([(today_view.id, "list")])["models"]["crm.lead"]["fields"]
    spec = {name: {} for name in list_fields}
    for name in ("user_id", "team_id", "clinic_followup_status_id"):
        spec[name] = {"fields": {"display_name": {}}}
    today_domain = literal_eval(today_action.domain) + [
        ("clinic_on_today", "=", True),
        ("user_id", "=", user.id),
    ]

    def today():
        # As the web client's list asks: 80 rows, and a count capped at 10,001.
        return Lead.web_search_read(
            today_domain,
            spec,
            limit=80,
            order="clinic_first_contact_due, clinic_followup_date",
            count_limit=10001,
        )

    def dashboard():
        # What the dashboard screen asks: every figure of every installed addon, with its
        # tables (by week, source, coordinator; revenue by procedure type).
        return (
            env["clinic.crm.dashboard"]
            .with_user(user)
            .with_context(tz="UTC", lang="en_US")
            .clinic_dashboard_data(
                {
                    "period": "custom",
                    "date_from": str(date.today() - timedelta(days=89)),
                    "date_to": str(date.today()),
                }
            )
        )

    def dashboard_month():
        # The month view of the dashboard, on last month (a whole one: a twelfth of the
        # leads), every figure.
        last_month = date.today().replace(day=1) - timedelta(days=1)
        return (
            env["clinic.crm.dashboard"]
            .with_user(user)
            .with_context(tz="UTC", lang="en_US")
            .clinic_dashboard_data({"period": "month", "anchor": str(last_month)})
        )

    kanban_view = env.ref("crm.crm_case_kanban_view_leads")
    kanban_fields = Lead.get_views([(kanban_view.id, "kanban")])["models"]["crm.lead"]["fields"]
    kanban_spec = {name: {} for name in kanban_fields if name not in ("activity_ids",)}
    for name, field in kanban_fields.items():
        if field["type"] in ("many2one", "many2many", "one2many") and name in kanban_spec:
            kanban_spec[name] = {"fields": {"display_name": {}}}

    def stock_pipeline():
        # Odoo CRM's "My Pipeline": opportunities assigned to me, grouped by stage,
        # each column's first 80 cards read in the same call (as the kanban does).
        return Lead.web_read_group(
            [("type", "=", "opportunity"), ("user_id", "=", user.id)],
            ["stage_id"],
            ["expected_revenue:sum", "recurring_revenue_monthly:sum"],
            auto_unfold=True,
            unfold_read_specification=kanban_spec,
            unfold_read_default_limit=80,
        )

    return {
        "stock_pipeline": stock_pipeline,
        "today": today,
        "dashboard": dashboard,
        "dashboard_month": dashboard_month,
    }


def write_report(rows, repeat):
    doc = ROOT / "docs" / "PERFORMANCE.md"
    text = doc.read_text() if doc.exists() else "# Performance\n\n"
    if MARK_START not in text:
        text += f"\n{MARK_START}\n{MARK_END}\n"
    lines = [
        MARK_START,
        "## Follow-up engine: Today list and dashboard vs stock CRM pipeline",
        "",
        (
            f"`bench/bench_followup.py`, run on {date.today()} ({platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}); median of {repeat} "
            "cold-cache runs of each screen's server work for one coordinator (one of five); "
            "queries counted with the cursor's counter. *Stock* is Odoo CRM's own pipeline "
            'kanban load ("My Pipeline": grouped by stage, first 80 cards of each column) on '
            "the same database in the same run. The data is deliberately heavy: about a third "
            "of each coordinator's leads are on their Today list (20% never contacted, 20% "
            "with a follow-up date within ±10 days, 10% with an open activity), and the "
            "dashboard aggregates the last 90 days (a quarter of all leads). "
            "Ratio = screen time / stock time (lower is "
            "faster). Machine shared with other work while measured: compare ratios, not ms."
        ),
        "",
        "| Leads | Screen | Median ms | Queries | Ratio to stock |",
        "|---:|---|---:|---:|---:|",
    ]
    for size, name, ms, queries, ratio in rows:
        lines.append(f"| {size:,} | {name} | {ms:.0f} | {queries} | {ratio:.2f}× |")
    lines.append(MARK_END)
    head, rest = text.split(MARK_START, 1)
    tail = rest.split(MARK_END, 1)[1]
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(head + "\n".join(lines) + tail)
    print(f"wrote {doc}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    src = odoo_src()
    with postgres_server() as pg:
        print("installing crm_ortho_onboarding into", DB, flush=True)
        prepare_database(pg, src, DB, ["crm_ortho_onboarding"])
        import odoo.init  # noqa: F401 — Odoo's own bootstrap before the ORM
        from odoo import api
        from odoo.modules.registry import Registry
        from odoo.tools import config

        config.parse_config(
            [f"--addons-path={Path(src) / 'addons'},{ROOT / 'addons'}", *pg.odoo_args(), "-d", DB]
        )
        rows = []
        loaded = 0
        try:
            registry = Registry(DB)
            for size in sizes:
                with registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    t0 = time.perf_counter()
                    users = load_leads(env, size - loaded)
                    cr.commit()
                    loaded = size
                    print(f"{size:,} leads loaded in {time.perf_counter() - t0:.0f}s", flush=True)
                    results = {}
                    for name, func in screens(env, users[0]).items():
                        results[name] = measure(env, func, args.repeat)
                        print(
                            f"  {name}: {results[name][0]:.0f} ms, {results[name][1]} queries",
                            flush=True,
                        )
                    stock_ms = results["stock_pipeline"][0]
                    labels = {
                        "stock_pipeline": "Stock CRM pipeline (kanban)",
                        "today": "Today list (80 rows + count)",
                        "dashboard": "Dashboard (every figure, 90 days)",
                        "dashboard_month": "Dashboard, month view (every figure, last month)",
                    }
                    for name, (ms, queries) in results.items():
                        rows.append((size, labels[name], ms, queries, ms / stock_ms))
                    cr.rollback()
        finally:
            if not args.keep:
                Registry.delete(DB)
                pg.drop_database(DB)
    write_report(rows, args.repeat)


if __name__ == "__main__":
    main()
