"""Benchmark: the clinic at growing sizes (10k, 100k, 1M leads) against stock Odoo CRM.

Usage (after ./clinic setup):
    .venv/bin/python bench/bench_clinic_scale.py [--sizes 10000,100000] [--repeat 5]
                                                 [--template DB] [--keep]

A throwaway database with every clinic addon (the crm_clinic application,
installed without demo data, or copied from --template) is filled by
bench/generate_clinic.py up to each size in turn. At each size, in the same run and
database:

- screens, as one coordinator loads them (median of --repeat cold-cache runs, SQL
  queries counted): stock CRM pipeline kanban, stock CRM lead list, our Today
  list and dashboard;
- duplicate lookup on capture (what /api/v1/leads and the web forms run before
  creating a lead): open leads by normalised e-mail or phone, and the patient match;
- every scheduled action of our addons, run once, with the number of records it
  went through.

It writes a table between the bench:scale markers of docs/PERFORMANCE.md and a plot
(docs/performance_scale.png) of time against number of leads.
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_followup import measure, odoo_src, prepare_database, screens
from generate_clinic import generate

from clinic_lib import APP, our_addons, postgres_server

DB = "clinic_bench_scale"
MARK_START, MARK_END = "<!-- bench:scale:start -->", "<!-- bench:scale:end -->"
PLOT = ROOT / "docs" / "performance_scale.png"


def more_screens(env, user):
    Lead = env["crm.lead"].with_user(user).with_context(tz="UTC", lang="en_US")
    list_view = env.ref("crm.crm_case_tree_view_leads")
    fields = Lead.get_views([(list_view.id, "list")])["models"]["crm.lead"]["fields"]
    spec = {name: {} for name in fields}
    for name, field in fields.items():
        if field["type"] in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}

    def stock_list():
        # Odoo CRM's "Leads" list: 80 rows and the count, as the web client asks.
        return Lead.web_search_read([("type", "=", "lead")], spec, limit=80, count_limit=10001)

    env.cr.execute(
        "SELECT email_normalized, phone FROM crm_lead WHERE email_normalized IS NOT NULL "
        "ORDER BY id DESC LIMIT 1"
    )
    email, phone = env.cr.fetchone()
    capture = env["crm.lead"].sudo()
    vals = {
        "email_from": email,
        "phone": phone,
        "clinic_lead_type": "patient",
        "clinic_first_name": "Kid",
        "clinic_last_name": "Family",
    }

    def duplicate_lookup():
        return capture._clinic_capture_open_leads(vals), capture._clinic_capture_patient(vals)

    return {
        "stock_list": stock_list,
        "duplicate_lookup": duplicate_lookup,
        "duplicate_lookup_warm": duplicate_lookup,
    }


def run_crons(env, skip=(), budget_words=(), budget=60.0):
    """Each scheduled action of our addons once; (name, seconds, outcome).

    Run as Odoo's cron runner runs them: with an ir.cron.progress record in the context,
    so each job's batches commit and count what they did. A job whose name contains one
    of ``budget_words`` gets ``budget`` seconds, like a cron run with a time limit, and
    the table says how much it got through (PDF letters take about a second each).
    """
    crons = env["ir.cron"].with_context(active_test=False).search([])
    ours = crons.filtered(
        lambda c: (c.get_external_id().get(c.id) or "").split(".")[0] in our_addons()
    )
    results = []
    for cron in ours.sorted("id"):
        if any(word.lower() in cron.cron_name.lower() for word in skip):
            results.append((cron.cron_name, 0.0, "skipped (--skip-crons)"))
            continue
        limited = any(word.lower() in cron.cron_name.lower() for word in budget_words)
        progress = (
            env["ir.cron.progress"].sudo().create({"cron_id": cron.id, "remaining": 0, "done": 0})
        )
        env.cr.commit()
        t0 = time.perf_counter()
        end = time.monotonic() + budget if limited else float("inf")
        context = {"ir_cron_progress_id": progress.id, "cron_id": cron.id, "cron_end_time": end}
        try:
            cron.ir_actions_server_id.sudo().with_context(**context).run()
            env.cr.commit()
            progress.invalidate_recordset()
            done, left = progress.done, progress.remaining
            outcome = f"ok, {done:,} done" if done else "ok"
            if limited and left:
                outcome = (
                    f"{done:,} done in its {budget:.0f} s budget, {left:,} left for later runs"
                )
        except Exception as exc:  # noqa: BLE001 — reported in the table, not hidden
            env.cr.rollback()
            outcome = f"failed: {type(exc).__name__}"
        results.append((cron.cron_name, time.perf_counter() - t0, outcome))
        print(f"  cron {cron.cron_name}: {results[-1][1]:.1f}s {outcome}", flush=True)
    return results


LABELS = {
    "stock_pipeline": "Stock CRM pipeline (kanban)",
    "stock_list": "Stock CRM leads list (80 rows + count)",
    "today": "Today list (80 rows + count)",
    "dashboard": "Dashboard (every figure, 90 days)",
    "dashboard_month": "Dashboard, month view (every figure, last month)",
    "duplicate_lookup": "Duplicate lookup on capture (lead + patient)",
    "duplicate_lookup_warm": "Duplicate lookup on capture, warm registry (running server)",
}
RESULTS = ROOT / "docs" / "performance_scale.json"


def merge_previous(rows, cron_rows, counts):
    """Keep the figures of sizes measured by an earlier run (e.g. 1M measured alone)."""
    sizes = {size for size, _c in counts}
    if RESULTS.exists():
        old = json.loads(RESULTS.read_text())
        rows = [tuple(r) for r in old["rows"] if r[0] not in sizes] + rows
        # A run that skipped the crons at a size keeps that size's earlier cron figures.
        cron_sizes = {r[0] for r in cron_rows}
        cron_rows = [tuple(r) for r in old["crons"] if r[0] not in cron_sizes] + cron_rows
        counts = [tuple(c) for c in old["counts"] if c[0] not in sizes] + counts
    rows.sort(key=lambda r: r[0])
    cron_rows.sort(key=lambda r: r[0])
    counts.sort(key=lambda c: c[0])
    RESULTS.write_text(json.dumps({"rows": rows, "crons": cron_rows, "counts": counts}, indent=1))
    return rows, cron_rows, counts


def write_report(rows, cron_rows, counts, repeat):
    doc = ROOT / "docs" / "PERFORMANCE.md"
    text = doc.read_text() if doc.exists() else "# Performance\n\n"
    if MARK_START not in text:
        text += f"\n{MARK_START}\n{MARK_END}\n"
    lines = [
        MARK_START,
        "## The clinic at scale: screens, duplicate lookup and scheduled actions",
        "",
        (
            f"`bench/bench_clinic_scale.py`, run on {date.today()} ({platform.machine()}, "
            f"{os.cpu_count()} cores shared with other work, Python "
            f"{platform.python_version()}); data from `bench/generate_clinic.py`; median of "
            f"{repeat} cold-cache runs; ratio = time / stock CRM pipeline kanban time in the "
            "same run."
        ),
        "",
        "Generated data (added at each size, cumulative leads): "
        + "; ".join(
            f"{size:,} leads: "
            + ", ".join(f"{v:,} {k}" for k, v in c.items() if k not in ("seconds", "crm.lead"))
            for size, c in counts
        ),
        "",
        "| Leads | Screen | Median ms | Queries | Ratio to stock kanban |",
        "|---:|---|---:|---:|---:|",
    ]
    for size, name, ms, queries, ratio in rows:
        lines.append(f"| {size:,} | {LABELS[name]} | {ms:.1f} | {queries} | {ratio:.2f}× |")
    lines += ["", "| Leads | Scheduled action | Seconds | Outcome |", "|---:|---|---:|---|"]
    for size, name, seconds, outcome in cron_rows:
        lines.append(f"| {size:,} | {name} | {seconds:.1f} | {outcome} |")
    if PLOT.exists():
        lines += ["", f"![Time against number of leads]({PLOT.name})"]
    lines.append(MARK_END)
    head, rest = text.split(MARK_START, 1)
    doc.write_text(head + "\n".join(lines) + rest.split(MARK_END, 1)[1])
    print(f"wrote {doc}")


def plot(rows):
    try:
        import matplotlib  # optional: only for the picture

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot")
        return
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, label in LABELS.items():
        points = [(size, ms) for size, n, ms, _q, _r in rows if n == name]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("leads in the database")
    ax.set_ylabel("median server time (ms)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(PLOT, dpi=110)
    print(f"wrote {PLOT}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--template", help="copy this database (our addons installed)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="grow the database a previous --keep run left instead of starting over",
    )
    parser.add_argument(
        "--skip-crons",
        default="",
        help="comma-separated words: scheduled actions whose name contains one are not run",
    )
    parser.add_argument(
        "--budget-crons",
        default="letters",
        help="comma-separated words: scheduled actions whose name contains one run with "
        "a time budget (--cron-budget seconds), as a cron run with a time limit does",
    )
    parser.add_argument("--cron-budget", type=float, default=60.0)
    parser.add_argument(
        "--cron-max-size",
        type=int,
        default=0,
        help="run the scheduled actions only at sizes up to this (0: at every size)",
    )
    parser.add_argument("--db", default=DB, help="name of the throwaway database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    src = odoo_src()
    with postgres_server() as pg:
        if not args.reuse:
            print("preparing", args.db, flush=True)
            prepare_database(pg, src, args.db, [APP], args.template)
        import odoo.init  # noqa: F401 — Odoo's own bootstrap before the ORM
        from odoo import api
        from odoo.modules.registry import Registry
        from odoo.tools import config

        config.parse_config(
            [
                f"--addons-path={Path(src) / 'addons'},{ROOT / 'addons'}",
                *pg.odoo_args(),
                "-d",
                args.db,
            ]
        )
        rows, cron_rows, counts = [], [], []
        loaded = 0
        try:
            registry = Registry(args.db)
            if args.reuse:
                with registry.cursor() as cr:
                    cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE 'Bench lead %%'")
                    loaded = cr.fetchone()[0]
            for size in sizes:
                with registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    users, made = generate(env, size - loaded)
                    cr.commit()
                    loaded = size
                    counts.append((size, made))
                    print(f"{size:,} leads: {made}", flush=True)
                    funcs = {**screens(env, users[0]), **more_screens(env, users[0])}
                    results = {}
                    for name in LABELS:
                        cold = name != "duplicate_lookup_warm"
                        results[name] = measure(env, funcs[name], args.repeat, cold)
                        print(
                            f"  {name}: {results[name][0]:.1f} ms, {results[name][1]} queries",
                            flush=True,
                        )
                    cr.rollback()
                    stock = results["stock_pipeline"][0]
                    for name, (ms, queries) in results.items():
                        rows.append((size, name, ms, queries, ms / stock))
                    skip = [w for w in args.skip_crons.split(",") if w]
                    if not args.cron_max_size or size <= args.cron_max_size:
                        budgeted = [w for w in args.budget_crons.split(",") if w]
                        cron_rows += [
                            (size, *row) for row in run_crons(env, skip, budgeted, args.cron_budget)
                        ]
                # Merged copies: this run's own lists keep only what it measured.
                merged = merge_previous(list(rows), list(cron_rows), list(counts))
                plot(merged[0])
                write_report(*merged, args.repeat)
        finally:
            if not args.keep:
                Registry.delete(args.db)
                pg.drop_database(args.db)


if __name__ == "__main__":
    main()
