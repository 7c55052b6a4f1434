"""The Docker production route's files, checked without Docker (issue 25).

tools/clinic_deploy_check.py reads the Dockerfile, docker-compose.yml, docker/odoo.conf,
the nginx file and the requirement files; ./clinic lint runs it. Here it must accept the
shipped files and reject copies broken the ways a deployment goes wrong.
"""

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from clinic_deploy_check import problems

FILES = (
    "Dockerfile",
    "docker-compose.yml",
    "requirements.txt",
    "requirements-dev.txt",
    "docker",
    "addons",
)


@pytest.fixture
def copy(tmp_path):
    for name in FILES:
        src = ROOT / name
        if src.is_dir():
            # Manifests are all the check reads under addons/.
            if name == "addons":
                for manifest in src.glob("*/__manifest__.py"):
                    dest = tmp_path / manifest.relative_to(ROOT)
                    dest.parent.mkdir(parents=True)
                    shutil.copy(manifest, dest)
            else:
                shutil.copytree(src, tmp_path / name)
        else:
            shutil.copy(src, tmp_path / name)
    return tmp_path


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def test_shipped_files_agree():
    assert problems(ROOT) == []


def test_copy_agrees(copy):
    assert problems(copy) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "complaint"),
    [
        # A web node that runs the crons too: jobs run twice.
        (
            "docker-compose.yml",
            'command: ["odoo", "--max-cron-threads=0"]\n  web2',
            'command: ["odoo"]\n  web2',
            "web node web1 must run no cron threads",
        ),
        # The cron node without cron threads: reminders never go out.
        (
            "docker-compose.yml",
            '"--max-cron-threads=2"',
            '"--max-cron-threads=0"',
            "cron node cron must run cron threads",
        ),
        # The source mounted read-only over an image that lacks the dependencies.
        (
            "docker-compose.yml",
            "    - odoo-data:/var/lib/odoo\n  restart",
            "    - odoo-data:/var/lib/odoo\n    - ./addons:/mnt/extra-addons:ro\n  restart",
            "mounts over /mnt/extra-addons",
        ),
        ("docker-compose.yml", "image: nginx:1.28.0", "image: nginx:latest", "not pinned"),
        ("docker-compose.yml", "image: postgres:16.10", "image: postgres", "not pinned"),
        ("docker/odoo.conf", "proxy_mode = True", "proxy_mode = False", "proxy_mode = True"),
        ("docker/odoo.conf", "workers = 5", "workers = 0", "prefork"),
        ("docker/odoo.conf", "db_name = clinic", "dbfilter = ^clinic$", "without a dbfilter"),
        ("docker/odoo.conf", "gevent_port = 8072", "gevent_port = 8073", "/websocket"),
        # The proxy forgets a web node.
        ("docker/nginx/clinic.conf", "    server web2:8069;\n", "", "balance HTTP"),
        (
            "docker/nginx/clinic.conf",
            "proxy_set_header X-Forwarded-For $remote_addr;",
            "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
            "replace X-Forwarded-For",
        ),
        ("Dockerfile", "odoo:19.0-20260118", "odoo:latest", "pinned odoo:19.0 tag"),
        (
            "Dockerfile",
            "RUN APT=install",
            "# RUN APT=install",
            "RUN docker/install-runtime.sh",
        ),
        # A runtime package no addon uses, and a test tool among the runtime ones.
        ("requirements.txt", "twilio==9.13.0\n", "twilio==9.13.0\npytest==9.2.0\n", "pytest"),
        # A package an addon needs that the image would not install.
        ("requirements.txt", "twilio==9.13.0\n", "", "needs the Python package twilio"),
        ("requirements-dev.txt", "-r requirements.txt\n", "", "include the runtime file"),
    ],
)
def test_broken_copy_is_refused(copy, file, old, new, complaint):
    edit(copy / file, old, new)
    found = problems(copy)
    assert any(complaint in p for p in found), found


def test_each_runtime_line_names_its_addon():
    """The runtime file says which addon needs each package (the comment above it)."""
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[A-Za-z]", line):
            comments = [c for c in lines[max(0, i - 2) : i] if c.startswith("#")]
            assert any(re.search(r"\b(crm_\w+)", c) for c in comments), line
