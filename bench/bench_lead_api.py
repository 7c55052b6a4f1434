"""Benchmark: our lead capture against pure stock Odoo, side by side in one run.

Usage (from the repository root, after ./clinic setup):

    .venv/bin/python bench/bench_lead_api.py [--rounds 3] [--per-round 100] [--threads 8]

It builds two throwaway databases with demo data:

- *clinic*: the whole clinic (``crm_clinic``, every addon) with ``website_crm``;
- *stock*: pure stock Odoo 19, ``crm`` + ``website_crm`` and nothing of ours;

serves each with 2 HTTP workers (no cron worker), and alternates rounds of
submissions from ``--threads`` client threads on four paths: ``POST /lead/create``
(Chorus form post) and ``POST /api/v1/leads`` (JSON) on the clinic, Odoo's website
form ``POST /website/form/crm.lead`` on the clinic, and the same form on pure stock.
Only the paths being measured get traffic. Each round checks in the database that
it created exactly one lead per submission. Submissions per second and p50/p95
latency, the ratios to pure stock and the machine's load go to docs/PERFORMANCE.md
between the bench:lead_api markers; then both databases are dropped.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from clinic_lib import (
    LOG_DIR,
    free_port,
    log,
    odoo_command,
    postgres_server,
    stop_process,
    wait_for_http,
)

DEMO_KEY = "ck_demo_smile_website_key_not_for_production"
PERF_FILE = ROOT / "docs" / "PERFORMANCE.md"
START, END = "<!-- bench:lead_api:start -->", "<!-- bench:lead_api:end -->"
# Throughput targets of issue 20 (ratios to pure stock in the same run) and the p95 one.
TARGET_CAPTURE, TARGET_STOCK_ROUTE, TARGET_P95_MS = 1.5, 0.9, 400
# Per-minute and per-IP limits of the clinic: the benchmark measures throughput.
UNTHROTTLED_PARAMS = (
    "form_posts_per_ip",
    "form_posts_per_email",
    "capture_unknown_key_per_minute",
    "capture_posts_per_ip",
)


def odoo_src():
    src = os.environ.get("ODOO_SRC") or str(
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "clinic-crm/odoo-19.0"
    )
    if not (Path(src) / "odoo-bin").exists():
        sys.exit(f"no Odoo source at {src}; set ODOO_SRC")
    return src


def person(n, tag):
    # Distinct people: no phone or e-mail repeats another submission or a demo record.
    return {
        "first": f"Bench{n}",
        "last": tag,
        "email": f"bench{n}.{tag}@example.com",
        "phone": f"+1646{(hash(tag) % 900 + 100):03d}{n % 10000:04d}",
    }


def chorus(base, n, tag):
    p = person(n, tag)
    form = {
        "subscriptionkey": DEMO_KEY,
        "leadtype": "Patient",
        "firstName": p["first"],
        "lastName": p["last"],
        "email": p["email"],
        "phone": p["phone"],
        "message": "Benchmark inquiry about aligners",
        "address1_postalcode": "10001",
    }
    return base + "/lead/create", urllib.parse.urlencode(form).encode(), {}


def api(base, n, tag):
    p = person(n, tag)
    body = {
        "leadtype": "Patient",
        "firstName": p["first"],
        "lastName": p["last"],
        "email": p["email"],
        "phone": p["phone"],
        "message": "Benchmark inquiry about aligners",
        "address1_postalcode": "10001",
    }
    headers = {"Content-Type": "application/json", "X-API-Key": DEMO_KEY}
    return base + "/api/v1/leads", json.dumps(body).encode(), headers


def website_form(base, n, tag):
    p = person(n, tag)
    form = {
        "contact_name": f"{p['first']} {p['last']}",
        "name": "Benchmark inquiry",
        "email_from": p["email"],
        "phone": p["phone"],
        "description": "Benchmark inquiry about aligners",
    }
    return base + "/website/form/crm.lead", urllib.parse.urlencode(form).encode(), {}


# name, label, database, request maker
PATHS = [
    ("chorus", "Our `POST /lead/create` (Chorus form post)", "clinic", chorus),
    ("api", "Our `POST /api/v1/leads` (JSON)", "clinic", api),
    ("form_clinic", "Stock form `/website/form/crm.lead`, clinic database", "clinic", website_form),
    ("form_stock", "Stock form `/website/form/crm.lead`, pure stock Odoo", "stock", website_form),
]


def post(url, data, headers):
    started = time.perf_counter()
    request = urllib.request.Request(url, data, headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - started


def count_leads(pg, db, tag):
    with contextlib.closing(pg.connect(db)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM crm_lead WHERE email_from LIKE %s", [f"%.{tag}@example.com"]
        )
        return cr.fetchone()[0]


def run_round(pg, db, base, make, count, threads, tag):
    requests = [make(base, n, tag) for n in range(count)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda req: post(*req), requests))
    wall = time.perf_counter() - started
    bad = sorted({str(status) for status, _ in results if status >= 400})
    created = count_leads(pg, db, tag)
    if bad or created != count:
        raise RuntimeError(f"{tag}: answers {bad or 'ok'}, {created} leads for {count} posts")
    return wall, [latency for _, latency in results]


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def write_results(text):
    PERF_FILE.parent.mkdir(exist_ok=True)
    content = PERF_FILE.read_text() if PERF_FILE.exists() else "# Performance\n"
    if START not in content:
        content = content.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = content.split(START, 1)
    _old, tail = rest.split(END, 1)
    PERF_FILE.write_text(f"{head}{START}\n{text.strip()}\n{END}{tail}")


def build(src, pg, db, modules):
    log(f"bench: building {db} ({modules}, demo data)")
    subprocess.run(
        odoo_command(
            src,
            pg,
            "-d",
            db,
            "--with-demo",
            "-i",
            modules,
            "--stop-after-init",
            "--log-level=warn",
            config=False,
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def unthrottle(pg, db):
    with contextlib.closing(pg.connect(db)) as conn, conn.cursor() as cr:
        cr.execute("UPDATE clinic_api_key SET rate_limit = 1000000")
        for name in UNTHROTTLED_PARAMS:
            key = f"crm_ortho_onboarding.{name}"
            cr.execute(
                "INSERT INTO ir_config_parameter (key, value) VALUES (%s, '1000000') "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key],
            )


@contextlib.contextmanager
def serve(src, pg, db, name):
    port = free_port()
    cmd = odoo_command(
        src,
        pg,
        "-d",
        db,
        # -d without a dbfilter: no listing of the server's databases on each request.
        "--workers=2",
        "--max-cron-threads=0",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        "--http-interface=127.0.0.1",
        "--log-level=warn",
        config=False,
    )
    with open(LOG_DIR / f"bench-lead-api-{name}.log", "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(f"{base}/web/login", timeout=300, proc=proc)
            yield base
        finally:
            stop_process(proc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-round", type=int, default=100)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the two databases")
    parser.add_argument("--clinic-db", help="use this existing clinic database (not dropped)")
    parser.add_argument("--stock-db", help="use this existing pure stock database (not dropped)")
    parser.add_argument("--no-write", action="store_true", help="print, leave the doc alone")
    args = parser.parse_args()
    src = odoo_src()
    suffix = os.getpid()
    dbs = {
        "clinic": args.clinic_db or f"clinic_bench_{suffix}",
        "stock": args.stock_db or f"stock_bench_{suffix}",
    }
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with postgres_server() as pg:
        try:
            if not args.clinic_db:
                build(src, pg, dbs["clinic"], "crm_clinic,website_crm")
            if not args.stock_db:
                build(src, pg, dbs["stock"], "crm,website_crm")
            unthrottle(pg, dbs["clinic"])
            load_before = os.getloadavg()
            with (
                serve(src, pg, dbs["clinic"], "clinic") as clinic,
                serve(src, pg, dbs["stock"], "stock") as stock,
            ):
                results = measure(pg, dbs, {"clinic": clinic, "stock": stock}, args)
            load_after = os.getloadavg()
        finally:
            for kind, db in dbs.items():
                if not args.keep and not getattr(args, f"{kind}_db"):
                    pg.drop_database(db)
    report(results, args, load_before, load_after)


def measure(pg, dbs, bases, args):
    log("bench: warming up (every path, both servers)")
    for name, _label, kind, make in PATHS:
        run_round(
            pg, dbs[kind], bases[kind], make, 24, args.threads, f"warm{name}{uuid.uuid4().hex[:6]}"
        )
    results = {name: ([], []) for name, *_ in PATHS}
    for index in range(args.rounds):
        for name, _label, kind, make in PATHS:
            tag = f"r{index}{name.replace('_', '')}{uuid.uuid4().hex[:6]}"
            wall, latencies = run_round(
                pg, dbs[kind], bases[kind], make, args.per_round, args.threads, tag
            )
            results[name][0].append(wall)
            results[name][1].extend(latencies)
            log(f"bench: round {index + 1} {name}: {args.per_round / wall:.1f}/s")
    return results


def verdict(ok):
    return "met" if ok else "**not met**"


def report(results, args, load_before, load_after):
    rows = {}
    for name, (walls, latencies) in results.items():
        rows[name] = (
            args.per_round * len(walls) / sum(walls),
            statistics.median(latencies) * 1000,
            percentile(latencies, 95) * 1000,
        )
    stock = rows["form_stock"][0]
    ratio = {name: rows[name][0] / stock for name in rows}
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    table = "\n".join(
        f"| {label} | {rows[name][0]:.1f} | {rows[name][1]:.0f} | {rows[name][2]:.0f} "
        f"| {ratio[name]:.2f}× |"
        for name, label, _kind, _make in PATHS
    )
    capture_ok = min(ratio["chorus"], ratio["api"]) >= TARGET_CAPTURE
    p95_ok = max(rows["chorus"][2], rows["api"][2]) < TARGET_P95_MS
    route_ok = ratio["form_clinic"] >= TARGET_STOCK_ROUTE
    cpus = os.cpu_count()
    text = f"""
## Lead capture against pure stock Odoo (`bench/bench_lead_api.py`)

{when}; Odoo 19.0, each database served by its own server with 2 HTTP workers and no cron
worker, on this machine ({cpus} CPU cores); {args.threads} client threads;
{args.rounds} alternating rounds of {args.per_round} submissions per path (distinct people),
after a warm-up; only the path being measured gets traffic. Load average (1 min) of the
machine: {load_before[0]:.1f} before, {load_after[0]:.1f} after: the cores were shared with
other work, so compare the rows of one run, not runs.

*Clinic* is a database with the whole clinic (`crm_clinic`: every addon and bridge) and
`website_crm`; *pure stock* has `crm` and `website_crm` only. Every round checks in the
database that each submission made exactly one lead.

| Path | Submissions/s | p50 (ms) | p95 (ms) | vs pure stock |
|---|---|---|---|---|
{table}

Targets (issue 20):

- our capture paths at least {TARGET_CAPTURE}× pure stock: /lead/create
  {ratio["chorus"]:.2f}×, /api/v1/leads {ratio["api"]:.2f}× — {verdict(capture_ok)};
- their p95 under {TARGET_P95_MS} ms: {rows["chorus"][2]:.0f} and {rows["api"][2]:.0f} ms —
  {verdict(p95_ok)};
- the stock form route on the clinic database at least {TARGET_STOCK_ROUTE}× pure stock
  (the cost the clinic adds to Odoo's own lead writes): {ratio["form_clinic"]:.2f}× —
  {verdict(route_ok)}.
"""
    if not args.no_write:
        write_results(text)
    print(text)


if __name__ == "__main__":
    main()
