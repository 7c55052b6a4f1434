"""Each addon installs alone, with only its declared dependencies, on a fresh copy
of the template database (Odoo modules the base addon needs, nothing of ours)."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from clinic_lib import LOG_DIR, odoo_command, our_addons

OURS = our_addons()


@pytest.mark.parametrize("addon", OURS)
def test_addon_installs_alone(clinic_env, pg, addon):
    db = f"{clinic_env['CLINIC_TEMPLATE_DB']}_alone_{addon}"
    pg.clone_database(clinic_env["CLINIC_TEMPLATE_DB"], db)
    try:
        cmd = odoo_command(
            clinic_env["CLINIC_ODOO_SRC"], pg, "-d", db, "-i", addon, "--stop-after-init",
            config=False,
        )  # fmt: skip
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
        (LOG_DIR / f"install-alone-{addon}.log").write_text(proc.stdout + proc.stderr)
        errors = [
            line
            for line in (proc.stdout + proc.stderr).splitlines()
            if " ERROR " in line or " CRITICAL " in line
        ]
        assert proc.returncode == 0, errors[-5:]
        assert not errors, errors[:5]
        installed = pg.installed_modules(db, OURS)
        expected = {addon} | (
            {"crm_ortho_onboarding"} if addon != "crm_ortho_onboarding" else set()
        )
        assert installed == expected
    finally:
        pg.drop_database(db)
