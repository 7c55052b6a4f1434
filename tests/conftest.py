"""Fixtures for the end-to-end tests: databases and Odoo servers made by ./clinic test.

./clinic test exports CLINIC_ODOO_SRC, CLINIC_TEMPLATE_DB (the Odoo modules our
addons need, with demo data) and CLINIC_TEST_DB (the same with every clinic addon
installed), plus PGHOST/PGPORT/PGUSER.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from clinic_run import workers_for_machine

from clinic_lib import (
    LOG_DIR,
    PgServer,
    free_port,
    odoo_command,
    stop_process,
    wait_for_http,
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "production_route: the Docker image's recipe in prefork on a fresh database "
        "(./clinic test runs it beside Odoo's own suites)",
    )


@pytest.fixture(scope="session")
def clinic_env():
    names = (
        "CLINIC_ODOO_SRC",
        "CLINIC_TEMPLATE_DB",
        "CLINIC_TEST_DB",
        "PGHOST",
        "PGPORT",
        "PGUSER",
    )
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        pytest.fail(f"run these tests through ./clinic test (missing {', '.join(missing)})")
    return {n: os.environ[n] for n in names}


@pytest.fixture(scope="session")
def pg(clinic_env):
    return PgServer(clinic_env["PGHOST"], int(clinic_env["PGPORT"]), clinic_env["PGUSER"])


@pytest.fixture(scope="session")
def clinic_server(clinic_env, pg):
    """Odoo with the shipped odoo.conf on free ports, serving the test database (demo data):
    prefork workers sized for the machine as ./clinic run starts them, no cron worker."""
    db = clinic_env["CLINIC_TEST_DB"]
    port = free_port()
    cmd = odoo_command(
        clinic_env["CLINIC_ODOO_SRC"],
        pg,
        "-d",
        db,
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--workers={max(workers_for_machine(), 2)}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
    )
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOG_DIR / "pytest-server.log", "w") as logfile:
        proc = subprocess.Popen(cmd, stdout=logfile, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(f"{url}/web/login", timeout=180, proc=proc)
            yield url
        finally:
            stop_process(proc)


class OdooClient:
    """A tiny JSON-RPC client with its own cookie jar (one browser session)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path):
        try:
            with self.opener.open(self.base_url + path, timeout=60) as resp:
                return resp.status, resp.geturl(), resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.geturl(), exc.read().decode()

    def jsonrpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        request = urllib.request.Request(
            self.base_url + path, body.encode(), {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=60) as resp:
            return json.loads(resp.read())

    def login(self, db, login, password):
        return self.jsonrpc(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )


@pytest.fixture
def client(clinic_server):
    return OdooClient(clinic_server)
