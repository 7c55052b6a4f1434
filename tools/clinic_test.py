"""./clinic test: lint, Odoo's tests of our addons and Odoo's own suites, then pytest tests/.

1. ruff + pylint-odoo (one check), beside step 2;
2. a template database with the Odoo modules the core addon depends on (demo data on),
   and its asset bundles generated once: the copies below that add no assets of their
   own reuse them instead of each generating them again before its browser tests;
3. then, two at a time, longest first, on copies of the template:
   - the whole clinic: the test addon (and so the application, every addon and bridge)
     installed with the tests that need everything (the application's and the test
     addon's: simulation, full access matrix, cross-addon journeys), and Odoo's own
     suites of crm, website_crm,
     survey, sms and portal updated in the same run (their known, documented
     differences left out: ``tools/peer_suites.py``); then ``pytest tests/``,
     end-to-end tests against servers the fixtures start, on copies of the databases
     (logins, menus, hostile input, crash and restore);
   - the production route (``tests/test_production_route.py``: the Docker image's recipe
     in a fresh virtualenv, served in prefork mode, on its own database);
   - each addon alone: a copy where only that addon is installed (with its dependencies,
     and the bridges they bring), with its own tests (``--test-tags /<addon>``); the
     addons installed must be exactly those. A bridge is installed on a copy of one of
     its two addons' database right after that addon's tests (the same set of addons,
     without installing the core and that addon again). The core's run also updates
     ``crm`` and runs Odoo's crm suite with the core alone, query-count budgets included;
4. one line ``N passed, N failed``; exit status 1 when anything failed.
Databases are throwaway: dropped at the end unless --keep.
"""

import argparse
import functools
import os
import re
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import peer_suites  # beside this file, like clinic_lib

from clinic_lib import (
    APP,
    CORE,
    LOG_DIR,
    ROOT,
    TEST_ADDON,
    external_depends,
    free_port,
    log,
    manifest,
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


def odoo_test_command(odoo_src, pg, db, module, tags, *extra):
    """Install ``module`` in ``db`` with Odoo's test runner on for ``tags``."""
    return odoo_command(
        odoo_src,
        pg,
        "-d",
        db,
        "-i",
        module,
        *extra,
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


# Odoo generates every asset bundle before a run's browser tests; a bundle whose files did
# not change is found by its checksum and reused. Generated once here, in the template,
# they serve every copy whose Odoo modules add no assets (ours add only tour files).
PREGENERATE = "env['ir.qweb']._pregenerate_assets_bundles()\nenv.cr.commit()\n"


def pregenerate_assets(odoo_src, pg, name):
    t0 = time.monotonic()
    cmd = odoo_command(odoo_src, pg, "-d", name, "--no-http", "--log-level=warn", config=False)
    # odoo-bin takes --addons-path before its command, every other option after it.
    cmd.insert(next(i for i, arg in enumerate(cmd) if arg.startswith("--addons-path")) + 1, "shell")
    with open(LOG_DIR / "test-template-assets.log", "w") as out:
        rc = subprocess.run(
            cmd, input=PREGENERATE, stdout=out, stderr=subprocess.STDOUT, text=True, check=False
        ).returncode
    # Not a test: when it fails each run generates its own bundles, as Odoo does.
    log(f"template asset bundles generated in {time.monotonic() - t0:.0f}s (rc={rc})")


def alone_addons(only=None):
    """Every addon but the application (its install is the whole clinic's) and the test
    addon (it needs the application)."""
    return [a for a in our_addons() if a not in (APP, TEST_ADDON) and (not only or a in only)]


AUDIT = "crm_clinic_audit"


def bridge_host(addon):
    """The addon on whose tested database a bridge is installed, or None for a capability.

    A bridge's alone database is its two addons and the core; installing the bridge on a
    copy of one of them, right after that one's own tests, gives exactly that database
    without installing the core and the first addon again. The host is the dependency that
    is not the audit addon (the audit addon hosts no bridge: it would host eight)."""
    info = manifest(addon)
    ours = set(our_addons())
    deps = [dep for dep in info.get("depends", []) if dep in ours]
    # A bridge to an Odoo module the clinic may install (crm_clinic_treatment_account:
    # treatment × account) is installed, with that module, on its addon's database.
    joins_odoo = len(deps) == 1 and len(info.get("depends", [])) > 1
    if not info.get("auto_install") or (len(deps) < 2 and not joins_odoo):
        return None
    return next((dep for dep in deps if dep != AUDIT), deps[0])


def alone_plan(only=None):
    """[(addon, [bridges installed on a copy of its tested database])], the core first
    (its run holds Odoo's crm suite), then the hosts with the most bridges. A bridge
    whose host is not in the plan (narrowed with --only) gets a database of its own."""
    addons = alone_addons(only)
    hosted = {}
    for addon in addons:
        host = bridge_host(addon)
        if host in addons:
            hosted.setdefault(host, []).append(addon)
    plan = [(addon, hosted.get(addon, [])) for addon in addons if bridge_host(addon) not in addons]
    plan.sort(key=lambda item: (item[0] != CORE, -len(item[1])))
    return plan


def peer_args(peers, known):
    """Extra odoo-bin arguments that run Odoo's own suites of ``peers`` in the same run:
    the peers are updated (their at_install tests run as they load, their post_install
    tests with our addons in the registry) and their known differences left out."""
    tags = [f"/{peer}" for peer in peers] + [f"-{test}" for test in sorted(known)]
    return ["-u", ",".join(peers)], ",".join(tags)


# Odoo logs "odoo.addons.<module>.tests.<file>: Starting <Class>.<test> ..." once per test
# run (its end-of-run statistics count differently and overshoot the result's total).
STARTED_RE = re.compile(r" odoo\.addons\.(\w+)\.tests\.\S*: Starting ")
FAILED_TEST_RE = re.compile(r" (?:ERROR|CRITICAL) \S+ odoo\.addons\.(\w+)\.\S*: (?:FAIL|ERROR): ")


def split_peer_result(lines, passed, failed, peers):
    """Split a run's (passed, failed) into ours and the peers' (Odoo's own suites), from
    the tests Odoo logs as started and the failing tests' loggers."""
    peer_total = sum(1 for line in lines if (m := STARTED_RE.search(line)) and m.group(1) in peers)
    peer_failed = sum(
        1 for line in lines if (m := FAILED_TEST_RE.search(line)) and m.group(1) in peers
    )
    peer_failed = min(peer_failed, failed)
    peer_passed = min(max(peer_total - peer_failed, 0), passed)
    return (passed - peer_passed, failed - peer_failed), (peer_passed, peer_failed)


def run_alone(odoo_src, pg, source, name, addon, tally, bridges=()):
    """Install ``addon`` alone on a copy of ``source`` (the template, or for a bridge its
    host's database right after the host's tests), with its own tests (and, for the core,
    Odoo's crm suite: with the core alone it must pass whole); then each of ``bridges``
    on a copy of this database."""
    db = f"{name}_alone_{addon}"[:63]
    pg.clone_database(source, db)
    ok_install = False
    try:
        t0 = time.monotonic()
        tags, extra, peers = test_tag(addon), [], ()
        if addon == CORE:
            peers = peer_suites.CORE_PEERS
            extra, peer_tags = peer_args(peers, peer_suites.CORE_KNOWN_DIFFERENCES)
            tags = f"{tags},{peer_tags}"
        rc, lines = run_odoo_logged(
            odoo_test_command(odoo_src, pg, db, addon, tags, *extra),
            LOG_DIR / f"test-alone-{addon}.log",
            quiet=True,
        )
        ours = our_addons()
        expected = our_closure([addon])
        installed = pg.installed_modules(db, ours)
        # An addon without tests of its own must still install cleanly.
        passed, failed = odoo_result(lines, rc, no_tests=(0, 0, 0))
        if peers:
            (passed, failed), peer_result = split_peer_result(lines, passed, failed, peers)
            tally.add(f"Odoo's {', '.join(peers)} suite with the core alone", *peer_result)
        problems = []
        if installed != expected:
            problems.append(f"installed {sorted(installed)}, expected exactly {sorted(expected)}")
        for line in lines:
            if " FAIL: " in line or " ERROR: " in line:
                problems.append(line.strip()[:300])
        status = "ok" if not failed and not problems else "FAILED"
        on = "" if source.endswith("_base") else f" (on {source.rsplit('_alone_', 1)[-1]})"
        print(
            f"  alone {addon}{on}: {status}, {passed} passed, {failed} failed, "
            f"{time.monotonic() - t0:.0f}s (.state/logs/test-alone-{addon}.log)",
            flush=True,
        )
        for problem in problems[:8]:
            print(f"    {problem}", flush=True)
        # The install itself counts as one test: installs alone, with exactly its closure.
        # (rc is 1 when a test failed: that is counted above, not against the install.)
        ok_install = installed == expected
        tally.add(f"alone {addon}", passed + int(ok_install), failed + int(not ok_install))
        for bridge in bridges:
            # A host that did not install as it should is no base for its bridges.
            run_alone(odoo_src, pg, db if ok_install else source, name, bridge, tally)
    finally:
        pg.drop_database(db)


def run_odoo_tests(odoo_src, pg, template, name, tally, only=None):
    """The whole clinic (the test addon brings the application and so every addon), with
    Odoo's own suites of the peer modules when the run is not narrowed (--only)."""
    addons = our_addons()
    pg.clone_database(template, name)
    # Each addon's own tests run in its alone run, with its dependencies and the bridges
    # they bring; here run the tests that need everything: the application's and the
    # test addon's (the simulation, the full access matrix, cross-addon journeys). --only
    # runs the named addons' tests here too, for quick iterations.
    tags = ",".join(tag if ":" in tag else test_tag(tag) for tag in (only or [APP, TEST_ADDON]))
    # Tests tagged clinic_alone assert what an addon does WITHOUT the others (e.g. no ABA
    # menu in an orthodontic clinic): they run only in the alone runs.
    tags += ",-clinic_alone"
    extra, peers = [], ()
    if not only:
        peers = peer_suites.PEERS
        extra, peer_tags = peer_args(peers, peer_suites.KNOWN_DIFFERENCES)
        tags = f"{tags},{peer_tags}"
    log(f"installing {TEST_ADDON} (the whole clinic) in {name} with Odoo's tests ({tags})")
    t0 = time.monotonic()
    rc, lines = run_odoo_logged(
        odoo_test_command(odoo_src, pg, name, TEST_ADDON, tags, *extra),
        LOG_DIR / "test-odoo.log",
    )
    elapsed = time.monotonic() - t0
    log(f"Odoo tests finished in {elapsed:.0f}s (rc={rc}); full log: .state/logs/test-odoo.log")
    installed = pg.installed_modules(name, addons)
    # Every addon but the bridges to Odoo modules the application does not install
    # (Invoicing): those are tested in their alone runs.
    expected = our_closure([TEST_ADDON])
    if installed != expected:
        print(f"  not installed: {sorted(expected - installed)}", flush=True)
        tally.add("whole clinic install", 0, 1)
    result = odoo_result(lines, rc)
    if result is None:
        print("  no test result in Odoo's log: the install failed", flush=True)
        tally.add("odoo", 0, 1)
        return False
    if peers:
        result, peer_result = split_peer_result(lines, *result, peers)
        tally.add(f"Odoo's own suites ({', '.join(peers)}) with every addon", *peer_result)
    tally.add("odoo (whole clinic)", *result)
    return True


def run_pytest_suite(tally, label, name, odoo_src, pg_env, databases, args):
    """``pytest <args>`` with the environment tests/conftest.py reads (the Odoo source,
    the template and test databases); counted from its JUnit file, its output kept in
    .state/logs/test-<name>.log and shown when something failed."""
    junit = LOG_DIR / f"{name}.xml"
    template, test_db = databases
    env = {
        **os.environ,
        **pg_env,
        "CLINIC_ODOO_SRC": odoo_src,
        "CLINIC_TEMPLATE_DB": template,
        "CLINIC_TEST_DB": test_db,
    }
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={junit}", "-q"]
    log(label)
    t0 = time.monotonic()
    proc = subprocess.run(
        [*cmd, *args],
        check=False,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    (LOG_DIR / f"test-{name}.log").write_text(proc.stdout)
    passed, failed = junit_counts(junit, proc.returncode)
    if failed:
        print(proc.stdout[-6000:], flush=True)
    log(f"{label} finished in {time.monotonic() - t0:.0f}s: {passed} passed, {failed} failed")
    tally.add(label, passed, failed)


def run_pytest(odoo_src, pg, template, test_db, tally, extra):
    # The production route is a run of its own (run_production_route).
    args = [str(ROOT / "tests"), *(extra or ["-m", "not production_route"])]
    run_pytest_suite(tally, "pytest", "pytest", odoo_src, pg.env(), (template, test_db), args)


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


def run_production_route(tally, pg_env, odoo_src):
    """tests/test_production_route.py: the Docker image's recipe in a fresh virtualenv,
    the application installed on a fresh database and served in prefork mode. It makes
    its own database: the template and test databases it is given are none ("-")."""
    args = [str(ROOT / "tests" / "test_production_route.py")]
    run_pytest_suite(
        tally, "production route", "pytest-production-route", odoo_src, pg_env, ("-", "-"), args
    )


def run_jobs(jobs):
    """Run the jobs two at a time (the machine's cores), in the order given: the longest
    first, so that the short ones fill in around them."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(job) for job in jobs]
        for future in futures:
            future.result()


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
        "--no-peer",
        action="store_true",
        help="skip Odoo's own suites and the production route",
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
    lint_thread = None
    if not args.skip_lint:
        lint_thread = threading.Thread(target=lint, args=(tally,))
        lint_thread.start()
    suffix = f"{os.getpid()}"
    template, test_db = f"clinic_test_{suffix}_base", f"clinic_test_{suffix}"
    with postgres_server() as pg:
        try:
            only = args.only.split(",") if args.only else None
            built = build_template(args.odoo_src, pg, template, tally)
            jobs = []
            if built:
                pregenerate_assets(args.odoo_src, pg, template)

                def whole_clinic():
                    ok = run_odoo_tests(args.odoo_src, pg, template, test_db, tally, only)
                    if ok and not args.no_pytest:
                        run_pytest(args.odoo_src, pg, template, test_db, tally, args.pytest_args)

                jobs.append(whole_clinic)
            if args.production_route or not (args.no_peer or args.only):
                jobs.append(lambda: run_production_route(tally, pg.env(), args.odoo_src))
            if built and not args.no_alone:
                # --only with a test tag (addon:Class) narrows the whole-clinic run only.
                names = {tag.split(":")[0] for tag in only} if only else None
                jobs += [
                    functools.partial(
                        run_alone, args.odoo_src, pg, template, test_db, addon, tally, bridges
                    )
                    for addon, bridges in alone_plan(names)
                ]
            log(f"{len(jobs)} runs, two at a time")
            t1 = time.monotonic()
            run_jobs(jobs)
            log(f"runs finished in {time.monotonic() - t1:.0f}s")
            if lint_thread:
                lint_thread.join()
        finally:
            if not args.keep:
                for db in (test_db, template):
                    pg.drop_database(db)
    minutes = (time.monotonic() - t0) / 60
    print()
    for part in tally.parts:
        print(f"  {part}")
    print(f"  total time: {minutes:.1f} min")
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
