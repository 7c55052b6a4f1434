"""The production route, exercised where Docker is not (issue 25).

The clinic image (./Dockerfile) is the official odoo:19 image, plus what
docker/install-runtime.sh installs from docker/apt-packages.txt and requirements.txt,
plus docker/odoo.conf and docker/clinic-entrypoint.sh. Without Docker, the nearest
honest proof is to run those same steps on this machine:

1. a fresh virtualenv holding only what the official image holds (Odoo 19 and its own
   requirements), then docker/install-runtime.sh with that virtualenv's pip: the
   runtime requirements, and a check that the system packages are there;
2. a fresh database, initialised and served by docker/clinic-entrypoint.sh
   (CLINIC_INIT=install) with docker/odoo.conf: prefork workers, a cron worker, the
   production memory limits; only the ports, paths and database differ;
3. the login page, the lead API (a real lead with a key made on that database), the
   portal and the cron worker answer, and the server log has no error.

It takes a few minutes (most of it installing the clinic), so ./clinic test runs it
beside Odoo's own suites rather than with the other end-to-end tests.
"""

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from clinic_lib import APP, free_port, stop_process, wait_for_http

pytestmark = pytest.mark.production_route

# Odoo's own requirements the image provides from Ubuntu's packages; as ./clinic does,
# leave out LDAP and Windows, and take psycopg2 as its binary wheel (no compiler here).
ODOO_REQ_SKIP = re.compile(r"^(python-ldap|pypiwin32|psycopg2)\b", re.IGNORECASE)


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    assert proc.returncode == 0, f"{shlex.join(map(str, cmd))}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def image_venv(clinic_env, tmp_path_factory):
    """A fresh virtualenv: the official image's Odoo, then our install script."""
    odoo_src = Path(clinic_env["CLINIC_ODOO_SRC"])
    venv = tmp_path_factory.mktemp("image") / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    odoo_reqs = venv / "odoo-requirements.txt"
    lines = (odoo_src / "requirements.txt").read_text().splitlines()
    odoo_reqs.write_text(
        "\n".join([line for line in lines if not ODOO_REQ_SKIP.match(line)] + ["psycopg2-binary"])
    )
    # setuptools<80: some of Odoo's pinned sdists only build with it (as in ./clinic).
    constraints = venv / "build-constraints.txt"
    constraints.write_text("setuptools<80\n")
    env = {**os.environ, "PIP_CONSTRAINT": str(constraints)}
    run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", odoo_reqs], env=env)
    # Odoo itself, as the image has it on its Python path (a namespace package that
    # OCA's wheels merge into).
    site = Path(run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).strip())
    (site / "odoo-src.pth").write_text(f"{odoo_src}\n")
    # The image's own recipe: the same script, the same lists.
    run(
        [ROOT / "docker" / "install-runtime.sh"],
        env={**env, "APT": "check", "PIP": f"{py} -m pip", "PIP_FLAGS": "-q"},
    )
    return py


def production_config(path, odoo_src, data_dir, db, http_port, bus_port, pg):
    """docker/odoo.conf with only this machine's paths, ports and database changed."""
    conf = configparser.ConfigParser()
    conf.read(ROOT / "docker" / "odoo.conf")
    options = conf["options"]
    production = dict(options)
    options.update(
        {
            # In the image: /mnt/extra-addons, Odoo's own addons being implicit.
            "addons_path": f"{odoo_src / 'addons'},{ROOT / 'addons'}",
            "data_dir": str(data_dir),
            "db_name": db,
            "http_interface": "127.0.0.1",
            "http_port": str(http_port),
            "gevent_port": str(bus_port),
            # The prefork check: two HTTP workers (the image sizes for its host).
            "workers": "2",
            "db_host": pg.host,
            "db_port": str(pg.port),
            "db_user": pg.user,
        }
    )
    with open(path, "w") as out:
        conf.write(out)
    return production


def request(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_image_recipe_installs_and_serves_in_prefork(clinic_env, pg, image_venv, tmp_path):
    odoo_src = Path(clinic_env["CLINIC_ODOO_SRC"])
    db = f"clinic_prod_route_{os.getpid()}"
    http_port, bus_port = free_port(), free_port()
    conf = tmp_path / "odoo.conf"
    production = production_config(conf, odoo_src, tmp_path / "data", db, http_port, bus_port, pg)
    # The production limits are the ones served with.
    for key in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu", "limit_time_real"):
        assert key in production
    assert production["max_cron_threads"] == "1"
    assert production["proxy_mode"] == "True"
    # Stands in for the official image's /entrypoint.sh: odoo with the config file.
    entry = tmp_path / "entrypoint.sh"
    entry.write_text(
        "#!/bin/sh\n"
        '[ "$1" = odoo ] && shift\n'
        f'exec {image_venv} {odoo_src / "odoo-bin"} -c {conf} "$@"\n'
    )
    entry.chmod(0o755)
    env = {
        **os.environ,
        "ODOO_ENTRYPOINT": str(entry),
        "CLINIC_INIT": "install",
        "CLINIC_DB": db,
    }
    log_path = tmp_path / "server.log"
    pg.drop_database(db)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [ROOT / "docker" / "clinic-entrypoint.sh", "odoo"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for_http(f"{base}/web/health", timeout=900, proc=proc)
        assert pg.installed_modules(db, [APP, "auditlog"]) == {APP, "auditlog"}

        status, _, body = request(f"{base}/web/login")
        assert status == 200 and 'name="login"' in body

        # A key made on this database, as a clinic admin would; then a real inquiry.
        script = (
            "source = env['utm.source'].create({'name': 'Production route site'})\n"
            "key = env['clinic.api.key'].create(\n"
            "    {'name': 'Production route check', 'source_id': source.id}\n"
            ")\n"
            "print('KEY=' + key.action_generate_key()['context']['default_key'])\n"
            "env.cr.commit()\n"
        )
        out = run(
            [image_venv, odoo_src / "odoo-bin", "shell", "-c", conf, "-d", db, "--no-http"],
            input=script,
        )
        key = re.search(r"KEY=(\S+)", out).group(1)
        payload = {
            "leadtype": "Patient",
            "firstName": "Prod",
            "lastName": "Route",
            "email": "prod.route@example.com",
            "phone": "+1 415 555 0134",
        }
        status, _, body = request(
            f"{base}/api/v1/leads",
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", "X-API-Key": key},
        )
        assert status == 201, body
        with pg.connect(db) as conn, conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM crm_lead WHERE email_from = %s", [payload["email"]])
            assert cr.fetchone()[0] == 1
        # No key: a JSON refusal, not a stack trace.
        status, _, body = request(
            f"{base}/lead/create", b"{}", {"Content-Type": "application/json"}
        )
        assert status == 401 and json.loads(body)

        # The portal asks a visitor to log in.
        status, headers, _ = request(f"{base}/my")
        assert status in (302, 303) and "/web/login" in headers["Location"]

        # Prefork: HTTP workers and the cron worker are separate processes.
        deadline = time.monotonic() + 60
        text = ""
        while time.monotonic() < deadline:
            text = log_path.read_text()
            if "WorkerCron" in text and "WorkerHTTP" in text:
                break
            time.sleep(1)
        assert "WorkerHTTP" in text and "WorkerCron" in text, text[-3000:]
    finally:
        stop_process(proc)
        pg.drop_database(db)
    errors = [
        line
        for line in log_path.read_text().splitlines()
        if re.match(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", line)
    ]
    assert not errors, "\n".join(errors[:10])
