"""./clinic test: lint, Odoo's tests of our addons, then pytest tests/.

1. ruff + pylint-odoo (one check);
2. a template database with the Odoo modules the core addon depends on (demo data on);
3. each addon alone: a copy of the template where only that addon is installed (with
   its dependencies, and the bridges they bring), with its own tests
   (``--test-tags /<addon>``); the addons installed must be exactly those. Two at a time;
4. the whole clinic: a copy where the test addon (and so the application, every addon
   and bridge) is installed with every addon's tests;
5. ``pytest tests/``: end-to-end tests against servers the fixtures start, on
   copies of the databases above (logins, menus, hostile input, crash and restore);
6. side by side, on their own databases: Odoo's own test suites (``tools/peer_suites.py
   --ci``: crm with the core addon only; crm, website_crm, survey, sms and portal with
   every addon) and the production route (``tests/test_production_route.py``: the Docker
   image's recipe in a fresh virtualenv, served in prefork mode);
7. one line ``N passed, N failed``; exit status 1 when anything failed.
Databases are throwaway: dropped at the end unless --keep.
"""

import argparse
import os
import re
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

from clinic_lib import (
    APP,
    CORE,
    LOG_DIR,
    ROOT,
    TEST_ADDON,
    external_depends,
    free_port,
    log,
    odoo_command,
    our_addons,
    our_closure,
    postgres_server,
    test_tag,
)

RESULT_RE = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
LOG_LINE_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")
# Progress worth showing live from Odoo's log; everything goes to the log file.
SHOW_RE = re.compile(
    r" (ERROR|CRITICAL) |odoo\.tests\.result|post-tests in|FAIL:|ERROR:|Ran \d+ tests"
)


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.parts = []
        self._lock = threading.Lock()

    def add(self, name, passed, failed):
        with self._lock:
            self.passed += passed
            self.failed += failed
            self.parts.append(f"{name}: {passed} passed, {failed} failed")


def run_odoo_logged(cmd, logfile, env=None, quiet=False):
    """Run odoo-bin, stream the interesting lines, keep the full log; return (rc, lines)."""
    lines = []
    with open(logfile, "w") as out:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        for line in proc.stdout:
            out.write(line)
            lines.append(line)
            if not quiet and SHOW_RE.search(line):
                print("  " + line.rstrip()[:400], flush=True)
        rc = proc.wait()
    return rc, lines


def odoo_test_command(odoo_src, pg, db, module, tags):
    """Install ``module`` in ``db`` with Odoo's test runner on for ``tags``."""
    return odoo_command(
        odoo_src,
        pg,
        "-d",
        db,
        "-i",
        module,
        "--test-tags",
        tags,
        "--stop-after-init",
        "--log-level=test",
        f"--http-port={free_port()}",
        "--http-interface=127.0.0.1",
        config=False,
    )


def odoo_result(lines, rc, no_tests=None):
    """(passed, failed) from an Odoo test run's log. When no test result was logged:
    ``no_tests`` if given (a run that may have no tests), else None."""
    result = None
    for line in lines:
        match = RESULT_RE.search(line)
        if match:
            result = tuple(int(g) for g in match.groups())
    if result is None:
        if no_tests is None:
            return None
        result = no_tests
    failures, errors, total = result
    failed = failures + errors
    # Errors logged outside any test (a broken view, a failed data file) fail the run too.
    stray = [
        line
        for line in lines
        if (m := LOG_LINE_RE.match(line))
        and m.group(1) in ("ERROR", "CRITICAL")
        and "odoo.tests.result" not in line
    ]
    if not failed and (stray or rc != 0):
        print(f"  {len(stray)} error line(s) in Odoo's log outside tests; rc={rc}", flush=True)
        for line in stray[:5]:
            print("    " + line.rstrip()[:300], flush=True)
        failed += 1
    # A failing setUpClass counts as an error without running tests: never below zero.
    return max(total - failures - errors, 0), failed


def lint(tally):
    log("lint: ruff + pylint-odoo")
    lint_cmd = [sys.executable, str(ROOT / "tools" / "clinic_lint.py")]
    rc = subprocess.run(lint_cmd, check=False).returncode
    tally.add("lint", int(rc == 0), int(rc != 0))


def build_template(odoo_src, pg, name, tally):
    deps = external_depends(our_addons())
    base_deps = external_depends([CORE])
    log(f"template database {name}: installing {', '.join(base_deps)} with demo data")
    t0 = time.monotonic()
    rc, _ = run_odoo_logged(
        odoo_command(
            odoo_src,
            pg,
            "-d",
            name,
            "--with-demo",
            "-i",
            ",".join(base_deps),
            "--stop-after-init",
            "--log-level=info",
            config=False,
        ),
        LOG_DIR / "test-template.log",
    )
    log(f"template built in {time.monotonic() - t0:.0f}s (rc={rc}); other Odoo deps: {deps}")
    if rc != 0:
        tally.add("template database", 0, 1)
        return False
    return True


def alone_addons(only=None):
    """Every addon but the application (its install is the whole clinic's) and the test
    addon (it needs the application)."""
    return [a for a in our_addons() if a not in (APP, TEST_ADDON) and (not only or a in only)]


def run_alone(odoo_src, pg, template, name, addon, tally):
    """Install ``addon`` alone on a copy of the template, with its own tests."""
    db = f"{name}_alone_{addon}"[:63]
    pg.clone_database(template, db)
    try:
        t0 = time.monotonic()
        rc, lines = run_odoo_logged(
            odoo_test_command(odoo_src, pg, db, addon, test_tag(addon)),
            LOG_DIR / f"test-alone-{addon}.log",
            quiet=True,
        )
        ours = our_addons()
        expected = our_closure([addon])
        installed = pg.installed_modules(db, ours)
        # An addon without tests of its own must still install cleanly.
        passed, failed = odoo_result(lines, rc, no_tests=(0, 0, 0))
        problems = []
        if installed != expected:
            problems.append(f"installed {sorted(installed)}, expected exactly {sorted(expected)}")
        for line in lines:
            if " FAIL: " in line or " ERROR: " in line:
                problems.append(line.strip()[:300])
        status = "ok" if not failed and not problems else "FAILED"
        print(
            f"  alone {addon}: {status}, {passed} passed, {failed} failed, "
            f"{time.monotonic() - t0:.0f}s (.state/logs/test-alone-{addon}.log)",
            flush=True,
        )
        for problem in problems[:8]:
            print(f"    {problem}", flush=True)
        # The install itself counts as one test: installs alone, with exactly its closure.
        # (rc is 1 when a test failed: that is counted above, not against the install.)
        ok_install = installed == expected
        tally.add(f"alone {addon}", passed + int(ok_install), failed + int(not ok_install))
    finally:
        pg.drop_database(db)


def run_alone_all(odoo_src, pg, template, name, tally, only=None):
    addons = alone_addons(only)
    log(f"each addon alone with its own tests ({len(addons)} addons, two at a time)")
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(run_alone, odoo_src, pg, template, name, addon, tally) for addon in addons
        ]
        for future in futures:
            future.result()
    log(f"alone runs finished in {time.monotonic() - t0:.0f}s")


def run_odoo_tests(odoo_src, pg, template, name, tally, only=None):
    """The whole clinic (the test addon brings the application and so every addon)."""
    addons = our_addons()
    pg.clone_database(template, name)
    tags = ",".join(tag if ":" in tag else test_tag(tag) for tag in (only or addons))
    # Tests tagged clinic_alone assert what an addon does WITHOUT the others (e.g. no ABA
    # menu in an orthodontic clinic): they run only in the alone runs.
    tags += ",-clinic_alone"
    log(f"installing {TEST_ADDON} (the whole clinic) in {name} with Odoo's tests ({tags})")
    t0 = time.monotonic()
    rc, lines = run_odoo_logged(
        odoo_test_command(odoo_src, pg, name, TEST_ADDON, tags), LOG_DIR / "test-odoo.log"
    )
    elapsed = time.monotonic() - t0
    log(f"Odoo tests finished in {elapsed:.0f}s (rc={rc}); full log: .state/logs/test-odoo.log")
    installed = pg.installed_modules(name, addons)
    if installed != set(addons):
        print(f"  not installed: {sorted(set(addons) - installed)}", flush=True)
        tally.add("whole clinic install", 0, 1)
    result = odoo_result(lines, rc)
    if result is None:
        print("  no test result in Odoo's log: the install failed", flush=True)
        tally.add("odoo", 0, 1)
        return False
    tally.add("odoo (whole clinic)", *result)
    return True


def run_pytest(odoo_src, pg, template, test_db, tally, extra):
    junit = LOG_DIR / "pytest.xml"
    env = {
        **os.environ,
        **pg.env(),
        "CLINIC_ODOO_SRC": odoo_src,
        "CLINIC_TEMPLATE_DB": template,
        "CLINIC_TEST_DB": test_db,
    }
    log("pytest tests/")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "tests"),
        "-p",
        "no:cacheprovider",
        f"--junitxml={junit}",
        "-q",
        # The production route runs beside Odoo's own suites (run_parallel_suites).
        *(extra or ["-m", "not production_route"]),
    ]
    rc = subprocess.run(cmd, check=False, env=env, cwd=ROOT).returncode
    tally.add("pytest", *junit_counts(junit, rc))


def junit_counts(junit, rc):
    """(passed, failed) from a pytest JUnit file; a run without one failed."""
    if not junit.exists():
        return 0, 1
    root = ET.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    if rc not in (0, 1) and not bad:
        bad = 1  # pytest itself failed (usage, collection, internal error)
    return total - bad - skipped, bad


PEER_RE = re.compile(r"(\d+) passed, (\d+) failed of (\d+) tests")


def run_parallel_suites(tally, pg_env, odoo_src, only_production=False):
    """Three long, independent runs side by side on their own databases:
    - Odoo's own suites (tools/peer_suites.py --ci, the known, documented differences
      left out): crm with the core addon alone, and crm, website_crm, survey, sms and
      portal with every addon installed;
    - the production route (tests/test_production_route.py): the Docker image's recipe
      in a fresh virtualenv, the application installed on a fresh database and served
      in prefork mode."""
    env = {**os.environ, **pg_env}
    junit = LOG_DIR / "pytest-production-route.xml"
    jobs = (
        []
        if only_production
        else [
            (
                "peer suites, core alone",
                [sys.executable, str(ROOT / "tools" / "peer_suites.py"), "--ci", "--core"],
            ),
            ("peer suites", [sys.executable, str(ROOT / "tools" / "peer_suites.py"), "--ci"]),
        ]
    )
    jobs.append(
        (
            "production route",
            [
                sys.executable,
                "-m",
                "pytest",
                str(ROOT / "tests" / "test_production_route.py"),
                "-p",
                "no:cacheprovider",
                f"--junitxml={junit}",
                "-q",
            ],
        )
    )
    env_pytest = {
        **env,
        "CLINIC_ODOO_SRC": odoo_src,
        # The production route makes its own database; these name the (dropped) test ones.
        "CLINIC_TEMPLATE_DB": "-",
        "CLINIC_TEST_DB": "-",
    }
    log(f"side by side: {', '.join(label for label, _ in jobs)}")
    t0 = time.monotonic()
    procs = [
        (
            label,
            subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env=env_pytest if label == "production route" else env,
                cwd=ROOT,
            ),
        )
        for label, cmd in jobs
    ]
    for label, proc in procs:
        output = proc.communicate()[0]
        log(f"{label} finished after {time.monotonic() - t0:.0f}s (rc={proc.returncode})")
        if label == "production route":
            (LOG_DIR / "test-production-route.log").write_text(output)
            passed, failed = junit_counts(junit, proc.returncode)
            if failed:
                print(output[-4000:], flush=True)
            tally.add(label, passed, failed)
            continue
        for line in output.splitlines():
            if "failed:" in line or "passed," in line:
                print(f"  {label}: {line.strip()}", flush=True)
        match = PEER_RE.search(output)
        if not match:
            print(output[-2000:], flush=True)
            tally.add(label, 0, 1)
            continue
        passed, failed, _total = (int(g) for g in match.groups())
        if proc.returncode and not failed:
            failed = 1
        tally.add(label, passed, failed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--odoo-src", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the test databases")
    parser.add_argument("--skip-lint", action="store_true")
    # For quick iterations while developing; the full run is the default.
    parser.add_argument("--only", help="comma-separated addons whose Odoo tests run")
    parser.add_argument("--no-pytest", action="store_true", help="skip pytest tests/")
    parser.add_argument("--no-alone", action="store_true", help="skip the install-alone runs")
    parser.add_argument(
        "--no-peer", action="store_true", help="skip Odoo's own suites (tools/peer_suites.py)"
    )
    parser.add_argument(
        "--production-route",
        action="store_true",
        help="with --only or --no-peer: still run tests/test_production_route.py",
    )
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    tally = Tally()
    if not args.skip_lint:
        lint(tally)
    suffix = f"{os.getpid()}"
    template, test_db = f"clinic_test_{suffix}_base", f"clinic_test_{suffix}"
    with postgres_server() as pg:
        try:
            only = args.only.split(",") if args.only else None
            built = build_template(args.odoo_src, pg, template, tally)
            if built and not args.no_alone:
                # --only with a test tag (addon:Class) narrows the whole-clinic run only.
                names = {tag.split(":")[0] for tag in only} if only else None
                run_alone_all(args.odoo_src, pg, template, test_db, tally, names)
            if (
                built
                and run_odoo_tests(args.odoo_src, pg, template, test_db, tally, only)
                and not args.no_pytest
            ):
                run_pytest(args.odoo_src, pg, template, test_db, tally, args.pytest_args)
        finally:
            if not args.keep:
                for db in (test_db, template):
                    pg.drop_database(db)
        # Their own databases, on the same server; skipped when iterating (--only).
        if not (args.no_peer or args.only):
            run_parallel_suites(tally, pg.env(), args.odoo_src)
        elif args.production_route:
            run_parallel_suites(tally, pg.env(), args.odoo_src, only_production=True)
    minutes = (time.monotonic() - t0) / 60
    print()
    for part in tally.parts:
        print(f"  {part}")
    print(f"  total time: {minutes:.1f} min")
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
