"""./clinic run: the demo clinic on http://127.0.0.1:8069.

Creates (or reuses) the database, installs our addons with demo data, updates
them when their code changed since the last run, prints the demo logins and
serves Odoo until Ctrl-C.

It prints one short line per step; Odoo's own log (thousands of module-loading lines)
goes to .state/logs/run-*.log, and while serving only its warnings and errors are shown.
"""

import argparse
import hashlib
import os
import re
import secrets
import subprocess
import sys
import threading
import time

import clinic_proxy

from clinic_lib import (
    ADDONS_DIR,
    APP,
    CORE,
    LOG_DIR,
    ROOT,
    STATE_DIR,
    free_port,
    log,
    odoo_command,
    our_closure,
    postgres_server,
    stop_process,
    wait_for_http,
)

DEMO_LOGINS = [
    ("Super Admin", "superadmin"),
    ("Clinic Admin", "clinicadmin"),
    ("Doctor", "doctor"),
    ("Clinical Staff", "clinical"),
    ("Front Desk", "frontdesk"),
    ("Treatment Coordinator", "coordinator"),
    ("Billing", "billing"),
    ("Read Only", "readonly"),
    ("Coordinator, Northside", "coordinator2"),
    ("Coordinator, ABA intake", "intake"),
]


# A worker of the clinic peaks around 300 MB; leave the rest to PostgreSQL and the OS.
WORKER_MEMORY = 512 * 1024 * 1024
MAX_WORKERS = 9


def workers_for_machine(cpus=None, memory=None):
    """HTTP workers for this machine: (2 x cores) + 1, as Odoo's deployment guide says,
    no more than half the memory allows at WORKER_MEMORY each, at least 2, at most 9.

    CLINIC_WORKERS overrides it (0 serves with the threaded server, for debugging).
    """
    override = os.environ.get("CLINIC_WORKERS")
    if override is not None and override.strip().isdigit():
        return int(override)
    if not cpus:
        affinity = getattr(os, "sched_getaffinity", None)
        cpus = len(affinity(0)) if affinity else os.cpu_count() or 1
    if memory is None:
        try:
            memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            memory = 0
    by_memory = memory // 2 // WORKER_MEMORY if memory else MAX_WORKERS
    return max(2, min(2 * cpus + 1, by_memory, MAX_WORKERS))


def addons_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ADDONS_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ADDONS_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


ADMIN_PASSWD_PLACEHOLDER = "__CLINIC_RUN_RANDOM_ADMIN_PASSWD__"


def run_config():
    """odoo.conf with its admin_passwd placeholder replaced by this machine's random master
    password (made once in .state/admin_passwd, readable by you only): no two machines
    share one, and none is the well-known default. Returns the path of the copy."""
    STATE_DIR.mkdir(exist_ok=True)
    secret = STATE_DIR / "admin_passwd"
    if not secret.exists():
        descriptor = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
        log(f"database manager master password created in {secret}")
    text = (ROOT / "odoo.conf").read_text()
    conf = STATE_DIR / "odoo-run.conf"
    conf.touch(mode=0o600)
    conf.write_text(text.replace(ADMIN_PASSWD_PLACEHOLDER, secret.read_text().strip()))
    return conf


# While serving, the terminal shows what needs a human: warnings and errors, not requests.
SHOW_SERVER_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def run_step(what, cmd, logname):
    """Run one set-up step of odoo-bin with its log in .state/logs/<logname>: one line
    when it starts, one every half minute while it works, one when it ends. On failure,
    the end of the log and exit status 1."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    logfile = LOG_DIR / logname
    log(f"{what} (log: .state/logs/{logname})")
    t0 = time.monotonic()
    done = threading.Event()

    def heartbeat():
        while not done.wait(30):
            log(f"  ... still {what.split(' ', 1)[0].lower()} ({time.monotonic() - t0:.0f}s)")

    ticker = threading.Thread(target=heartbeat, daemon=True)
    ticker.start()
    with open(logfile, "w") as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
    done.set()
    if rc:
        tail = logfile.read_text(errors="replace").splitlines()[-30:]
        print("\n".join(tail), file=sys.stderr)
        log(f"failed after {time.monotonic() - t0:.0f}s (exit {rc}); full log: {logfile}")
        sys.exit(1)
    log(f"  done in {time.monotonic() - t0:.0f}s")


def serve(cmd, logname, url):
    """Serve with the full log in .state/logs/<logname>; warnings and errors also here,
    and one line when the server answers."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOG_DIR / logname, "a") as out:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )

        def announce():
            try:
                wait_for_http(f"{url}/web/login", timeout=300, proc=proc)
            except (RuntimeError, TimeoutError) as exc:
                log(f"the server did not come up: {exc}")
                return
            log(f"serving at {url}")

        threading.Thread(target=announce, daemon=True).start()
        try:
            for line in proc.stdout:
                out.write(line)
                out.flush()
                if SHOW_SERVER_RE.match(line):
                    sys.stdout.write(line)
                    sys.stdout.flush()
            return proc.wait()
        except KeyboardInterrupt:
            stop_process(proc)
            return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--odoo-src", required=True)
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLINIC_PORT", "8069")))
    parser.add_argument(
        "--gevent-port",
        type=int,
        default=int(os.environ.get("CLINIC_GEVENT_PORT", "8072")),
        help="the bus (websocket) port of the prefork server",
    )
    parser.add_argument(
        "--prepare-only", action="store_true", help="set up the database, do not serve"
    )
    args = parser.parse_args()
    db = os.environ.get("CLINIC_DB", "clinic")
    # The application module brings every capability; the bridges come by themselves.
    addons = sorted(our_closure([APP]))
    marker = STATE_DIR / f"run-{db}.fingerprint"
    fingerprint = addons_fingerprint()

    # A second -c after odoo_command's own: Odoo reads the last one given.
    config = ["-c", str(run_config())]
    with postgres_server() as pg:
        # --no-http: set-up steps serve nothing, and must not need the port a running
        # server or test holds.
        base = [*config, "-d", db, f"--db-filter=^{db}$", "--stop-after-init", "--no-http"]
        # A database without the clinic's core is one an interrupted first install left:
        # it gets the whole first install, demo data included.
        if not pg.database_exists(db) or not pg.installed_modules(db, [CORE]):
            run_step(
                f"Creating database '{db}' with the clinic addons and demo data (a few minutes)",
                odoo_command(args.odoo_src, pg, *base, "--with-demo", "-i", APP),
                "run-install.log",
            )
        else:
            installed = pg.installed_modules(db, [*addons, CORE])
            if installed and APP not in installed:
                # Made before the split into one addon per capability: records changed
                # addons (xml ids), so installing the new addons there would collide.
                log(
                    f"database '{db}' was made before Clinic CRM became one addon per "
                    f"capability; drop it (dropdb {db}) and run again for a fresh demo clinic"
                )
                return 2
            missing = set(addons) - installed
            if missing:
                run_step(
                    f"Installing {', '.join(sorted(missing))} in '{db}'",
                    odoo_command(args.odoo_src, pg, *base, "-i", ",".join(sorted(missing))),
                    "run-install.log",
                )
            elif not marker.exists() or marker.read_text() != fingerprint:
                run_step(
                    f"Updating the clinic addons in '{db}' (their code changed since the last run)",
                    odoo_command(args.odoo_src, pg, *base, "-u", ",".join(addons)),
                    "run-update.log",
                )
            else:
                log(f"database '{db}' is up to date")
        STATE_DIR.mkdir(exist_ok=True)
        marker.write_text(fingerprint)
        if args.prepare_only:
            return 0

        workers = workers_for_machine()
        mode = f"{workers} workers and a cron worker" if workers else "threaded (CLINIC_WORKERS=0)"
        print(
            f"\nClinic CRM is starting on http://127.0.0.1:{args.port}  (database '{db}', {mode})"
        )
        print("Demo logins (password = login):")
        for role, login in DEMO_LOGINS:
            print(f"  {role:<22} {login}")
        print("  Odoo administrator     admin / admin")
        print(
            "Odoo's log: .state/logs/run-server.log (warnings and errors show here too); "
            "Ctrl-C stops.\n",
            flush=True,
        )
        # Odoo's HTTP workers listen on a port of their own; the front door on args.port
        # sends /websocket to the bus, as a deployment's proxy does (clinic_proxy.py).
        http_port = free_port() if workers else args.port
        stop_proxy = None
        if workers:
            stop_proxy = clinic_proxy.start(args.port, http_port, args.gevent_port)
        try:
            return serve(
                odoo_command(
                    args.odoo_src,
                    pg,
                    *config,
                    # -d alone: the database is served without a dbfilter (see odoo.conf).
                    "-d",
                    db,
                    f"--http-port={http_port}",
                    f"--gevent-port={args.gevent_port}",
                    f"--workers={workers}",
                ),
                "run-server.log",
                f"http://127.0.0.1:{args.port}",
            )
        finally:
            if stop_proxy:
                stop_proxy()


if __name__ == "__main__":
    sys.exit(main())
