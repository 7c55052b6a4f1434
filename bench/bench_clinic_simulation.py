"""Benchmark: a 90-day simulation of the clinic on a fresh database, with its invariants.

Usage (after ./clinic setup):
    .venv/bin/python bench/bench_clinic_simulation.py [--days 90] [--leads 15,30] [--seed 11]
                                                      [--template DB] [--keep]

A throwaway database gets every clinic addon (the crm_clinic application, no
demo data; or is copied from --template);
then addons/test_crm_clinic/tests/clinic_simulation.py — the same code the test
suite runs at a small size — lives through the days: leads from every channel,
coordinators with delays and forgotten tasks, consults, intake forms completed or
abandoned, referrals, records requests, and every scheduled action of the clinic addons
each night. Each day is committed. The report (counts per invariant, seed, sizes,
runtime) goes to docs/SIMULATION.md; the script
exits with status 1 if an invariant is broken.
"""

import argparse
import importlib.util
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

from bench_followup import odoo_src, prepare_database

from clinic_lib import APP, DATA_DIR, postgres_server

DB = "clinic_bench_simulation"
SIMULATION = ROOT / "addons/test_crm_clinic/tests/clinic_simulation.py"
REPORT = ROOT / "docs" / "SIMULATION.md"


def load_simulation():
    # The file, not its package: tests/__init__.py would import every test module.
    spec = importlib.util.spec_from_file_location("clinic_simulation", SIMULATION)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # freezegun patches the clock of loaded modules only
    spec.loader.exec_module(module)
    return module.ClinicSimulation


LABELS = {
    "open_leads_have_next_activity": "Open leads with a next activity (or closed: won/lost)",
    "overdue_followups_flagged": "Overdue follow-ups flagged (`clinic_followup_overdue`)",
    "intake_expiry_renewed_or_flagged": "Intake forms past expiry renewed or flagged",
    "records_completed_or_escalated_before_due": "Records requests completed or escalated "
    "before their due date",
}


NOTES = """\
"Next steps planned by cron" counts, night after night, the open leads that the nightly sweep
*Clinic CRM: plan a next step on open leads left without one* found with no open activity (one
lead can count on several nights). The sweep was added because of this simulation: without it,
leads whose call was marked done with nothing planned, phone leads typed in without a status and
leads after a completed visit stayed open with no next activity. The time spent in each
scheduled action is not reported here (the clock is frozen inside the simulated day); see
`docs/PERFORMANCE.md` for the scheduled actions at scale."""


def _hours(value):
    minutes = round(value * 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


def outcome_lines(outcome):
    """What the clinic is judged on, against the anchors, and the staff behaviour of the
    simulation that moves each figure."""
    ready = outcome["intake_ready_rate"]
    median = outcome["median_hours_to_contact"]
    return [
        "",
        "## Outcomes: what a clinic is judged on",
        "",
        (
            "Computed at the end of the run by the dashboard's own code "
            "(`clinic.crm.dashboard`, the figures defined in docs/USER_GUIDE.md → Dashboard) "
            "over the patient leads received during the simulated days."
        ),
        "",
        "| Outcome | Simulated clinic | Anchor | What moves it in the simulation |",
        "|---|---:|---|---|",
        (
            f"| Median time from inquiry to first contact (working hours) | {_hours(median)} "
            f"| 5 min: {'met' if median <= 5 / 60 else 'missed'} | Web and API inquiries "
            "arrive at 09:00 and coordinators go through their Today list once, at 11:00 "
            "(2 working hours); phone leads typed in with a status count as contacted at "
            "once (0 min); a phone lead typed in without a status waits for the list. "
            "Calling web leads as they arrive is what would reach 5 minutes. |"
        ),
        (
            "| 90th percentile time to first contact (working hours) "
            f"| {_hours(outcome['p90_hours_to_contact'])} | 5 min | The fifth of the Today "
            "list each coordinator leaves for later: those families wait a working day more "
            "(or two). |"
        ),
        (
            "| Intake forms complete before the first visit "
            f"| {ready:.1f} % ({outcome['intake_ready']} of "
            f"{outcome['intake_first_visits']} first visits) | more than 75 %: "
            f"{'met' if ready > 75 else 'missed'} | Forms are sent when the consult is "
            "booked, 2–10 days ahead; three families in four complete them within 0–8 days, "
            "one in four never does. Reminders, and booking further ahead, raise it. |"
        ),
        (
            f"| No-show rate | {outcome['no_show_rate']:.1f} % ({outcome['no_shows']} of "
            f"{outcome['appointments_due']} consultations due) | – | Of the consultations "
            "due, 63 % are attended, 20 % missed and 5 % canceled on the day; 12 % are left "
            "without an outcome until the coordinator next works the lead (then attended 3 "
            "in 4): until then they count as due and not missed. |"
        ),
        (
            f"| Lead → consult | {outcome['consult_rate']:.1f} % ({outcome['consults']} of "
            f"{outcome['leads']} leads) | – | Each time a coordinator works a lead, 30 % of "
            "calls book a consult, 30 % get no answer (lost after three in a row), 8 % are not "
            "interested, 12 % are marked done with nothing planned (the nightly sweep plans "
            "a next step); leads left on the Today list wait. |"
        ),
        (
            f"| Consult → start | {outcome['consult_start_rate']:.1f} % "
            f"({outcome['starts']} starts) | – | After a visit, 45 % of follow-up calls "
            "start treatment, 25 % lose the family, 30 % leave it thinking; leads received "
            "in the last weeks of the run have had no time to start. |"
        ),
    ]


def write_report(args, sim, report, install_seconds):
    lines = [
        "# The clinic over 90 days: a simulation",
        "",
        (
            f"`bench/bench_clinic_simulation.py`, run on {date.today()} ({platform.machine()}, "
            f"{os.cpu_count()} cores shared with other work, Python {platform.python_version()}). "
            "The simulation is `addons/test_crm_clinic/tests/clinic_simulation.py`; the test "
            "suite runs the same code for 30 days at a small size "
            "(`TestClinicSimulation`)."
        ),
        "",
        (
            f"- Seed {args.seed}; {args.days} days from {sim.start}; "
            f"{args.leads[0]}–{args.leads[1]} inquiries a day; {sim.n_coordinators} coordinators."
        ),
        (
            f"- Runtime: {sim.runtime / 60:.1f} min for the simulation "
            f"(plus {install_seconds:.0f} s to install the addons)."
        ),
        (
            "- Each day (frozen clock): inquiries through the web form and the API (the capture "
            "code the controllers call, duplicates included), phone leads typed by staff (a "
            "quarter without a status), provider referrals (crm_referrals links them); "
            "coordinators work their Today list and leave a fifth of it for later; some mark a "
            "call done and plan nothing; consults are attended, missed or left without an "
            "outcome; families fill in their intake forms within a week or never; records "
            "requests arrive and are worked, late or never. Patients of the past year have "
            "medical history forms that expire during the run. Then every scheduled action of the"
            " clinic addons runs once."
        ),
        "",
        "## Activity",
        "",
        "| What | Count |",
        "|---|---:|",
    ]
    lines += [f"| {key.replace('_', ' ')} | {value:,} |" for key, value in sim.counts.items()]
    lines += outcome_lines(sim.outcome)
    lines += ["", "## Invariants at the end of the last day", ""]
    for key, figures in report.items():
        status = "holds" if not figures["violations"] else "BROKEN"
        detail = ", ".join(
            f"{name.replace('_', ' ')}: {value:,}"
            for name, value in figures.items()
            if name != "violations"
        )
        lines.append(
            f"- **{LABELS[key]}** — {status}; {detail}; violations: {len(figures['violations'])}"
        )
        if figures["violations"]:
            lines.append(f"  - e.g. {', '.join(figures['violations'][:5])}")
    lines += ["", "", NOTES]
    REPORT.write_text("\n".join(lines) + "\n")
    print(f"wrote {REPORT}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--leads", default="4,8", help="inquiries a day: low,high")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--template", help="copy this database (our addons installed)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--no-report", action="store_true", help="print, do not write docs/")
    parser.add_argument("--db", default=DB, help="name of the throwaway database")
    args = parser.parse_args()
    args.leads = tuple(int(n) for n in args.leads.split(","))
    src = odoo_src()
    with postgres_server() as pg:
        t0 = time.perf_counter()
        print("preparing", args.db, flush=True)
        prepare_database(pg, src, args.db, [APP], args.template)
        install_seconds = time.perf_counter() - t0
        import odoo.init  # noqa: F401 — Odoo's own bootstrap before the ORM
        from odoo import api
        from odoo.modules.registry import Registry
        from odoo.tools import config

        config.parse_config(
            [
                f"--addons-path={Path(src) / 'addons'},{ROOT / 'addons'}",
                *pg.odoo_args(),
                f"--data-dir={DATA_DIR}",
                "-d",
                args.db,
            ]
        )
        simulation = load_simulation()
        try:
            registry = Registry(args.db)
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                sim = simulation(
                    env, days=args.days, leads_per_day=args.leads, seed=args.seed, commit=True
                )
                report = sim.run()
                cr.commit()
            print(
                json.dumps(
                    {"counts": sim.counts, "outcome": sim.outcome, "report": report},
                    indent=1,
                    default=str,
                )
            )
            if not args.no_report:
                write_report(args, sim, report, install_seconds)
        finally:
            if not args.keep:
                Registry.delete(args.db)
                pg.drop_database(args.db)
    broken = [key for key, figures in report.items() if figures["violations"]]
    if broken:
        sys.exit(f"broken invariants: {broken}")


if __name__ == "__main__":
    main()
