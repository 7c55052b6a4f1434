"""./clinic lint: ruff (format check + OCA rules) and pylint-odoo on our code."""

import subprocess
import sys

from clinic_lib import ROOT, manifest, our_addons

PATHS = ["addons", "tests", "tools", "bench"]


def run(title, cmd):
    print(f"  {title}", flush=True)
    return subprocess.run(cmd, check=False, cwd=ROOT).returncode


LICENCE_LINES = {
    "AGPL-3": "# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).",
    "LGPL-3": "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).",
}


def licence_headers():
    """Every Python file of an addon carries the licence its manifest states."""
    print("  licence headers match the manifests", flush=True)
    wrong = []
    for addon in our_addons():
        expected = LICENCE_LINES[manifest(addon)["license"]]
        for path in sorted((ROOT / "addons" / addon).rglob("*.py")):
            head = path.read_text(encoding="utf-8").splitlines()[:3]
            if expected not in head:
                wrong.append(str(path.relative_to(ROOT)))
    for path in wrong:
        print(f"    {path}: header is not {manifest(path.split('/')[1])['license']}")
    return 1 if wrong else 0


def main():
    paths = [p for p in PATHS if (ROOT / p).is_dir()]
    addons = sorted(
        str(p.parent.relative_to(ROOT)) for p in (ROOT / "addons").glob("*/__manifest__.py")
    )
    rcs = [
        licence_headers(),
        run("ruff check", [sys.executable, "-m", "ruff", "check", *paths]),
        run("ruff format --check", [sys.executable, "-m", "ruff", "format", "--check", *paths]),
        run(
            "addon READMEs",
            [sys.executable, str(ROOT / "tools" / "gen_addon_readme.py"), "--check"],
        ),
        run(
            "addon graph (docs/ARCHITECTURE.md) and README addon table",
            [sys.executable, str(ROOT / "tools" / "gen_architecture.py"), "--check"],
        ),
        run(
            "Dockerfile, compose file and requirement files agree",
            [sys.executable, str(ROOT / "tools" / "clinic_deploy_check.py")],
        ),
        run(
            "README permissions table",
            [sys.executable, str(ROOT / "tools" / "gen_access_matrix.py"), "--check"],
        ),
        run(
            "README special permissions table",
            [sys.executable, str(ROOT / "tools" / "gen_permission_table.py"), "--check"],
        ),
        run(
            "pylint-odoo",
            [
                *[sys.executable, "-m", "pylint", "--rcfile", str(ROOT / ".pylintrc")],
                # Our style keeps "installable": True explicit in manifests (ODOO_STYLE.md).
                "--disable=manifest-superfluous-key",
                *addons,
            ],
        ),
    ]
    return 1 if any(rcs) else 0


if __name__ == "__main__":
    sys.exit(main())
