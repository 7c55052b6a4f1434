"""./clinic lint: ruff (format check + OCA rules) and pylint-odoo on our code."""

import subprocess
import sys

from clinic_lib import ROOT

PATHS = ["addons", "tests", "tools", "bench"]


def run(title, cmd):
    print(f"  {title}", flush=True)
    return subprocess.run(cmd, check=False, cwd=ROOT).returncode


def main():
    paths = [p for p in PATHS if (ROOT / p).is_dir()]
    addons = sorted(
        str(p.parent.relative_to(ROOT)) for p in (ROOT / "addons").glob("*/__manifest__.py")
    )
    rcs = [
        run("ruff check", [sys.executable, "-m", "ruff", "check", *paths]),
        run("ruff format --check", [sys.executable, "-m", "ruff", "format", "--check", *paths]),
        run(
            "addon READMEs",
            [sys.executable, str(ROOT / "tools" / "gen_addon_readme.py"), "--check"],
        ),
        run(
            "README permissions table",
            [sys.executable, str(ROOT / "tools" / "gen_access_matrix.py"), "--check"],
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
