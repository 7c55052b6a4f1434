"""./clinic run speaks in short lines: each set-up step is one line when it starts and one
when it ends, Odoo's module-loading log goes to .state/logs/, and while serving only
warnings and errors reach the terminal. The steps are driven with stand-in commands that
write an Odoo-shaped log, so no database is needed."""

import sys

import clinic_run
import pytest

NOISY = (
    "import sys\n"
    "for n in range(3000):\n"
    "    print(f'2026-12-03 10:00:00,000 42 INFO clinic odoo.modules.loading: loading {n}')\n"
)
SERVER = (
    "print('2026-12-03 10:00:00,000 42 INFO clinic werkzeug: GET /web/login 200')\n"
    "print('2026-12-03 10:00:01,000 42 WARNING clinic odoo.http: a slow request')\n"
    "print('2026-12-03 10:00:02,000 42 ERROR clinic odoo.sql_db: bad query')\n"
    "print('2026-12-03 10:00:03,000 42 INFO clinic odoo.service.server: HTTP service')\n"
)


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(clinic_run, "LOG_DIR", tmp_path)
    return tmp_path


def test_a_step_prints_two_short_lines_and_keeps_the_whole_log(log_dir, capsys):
    clinic_run.run_step("Installing things", [sys.executable, "-c", NOISY], "run-install.log")
    out, err = capsys.readouterr()
    shown = (out + err).splitlines()
    assert len(shown) == 2, shown
    assert "Installing things" in shown[0] and "run-install.log" in shown[0]
    assert "done in" in shown[1]
    assert "loading 2999" not in out + err
    kept = (log_dir / "run-install.log").read_text().splitlines()
    assert len(kept) == 3000 and kept[-1].endswith("loading 2999")


def test_a_failed_step_shows_the_end_of_its_log_and_stops(log_dir, capsys):
    failing = NOISY + "print('Traceback: the module failed to install')\nsys.exit(3)\n"
    with pytest.raises(SystemExit) as stopped:
        clinic_run.run_step("Updating", [sys.executable, "-c", failing], "run-update.log")
    assert stopped.value.code == 1
    out, err = capsys.readouterr()
    assert "the module failed to install" in err
    assert "loading 2000" not in out + err  # only the end of the log
    assert "exit 3" in out + err


def test_serving_shows_warnings_and_errors_only(log_dir, capsys, monkeypatch):
    # No server here: waiting for it to answer is stubbed out.
    monkeypatch.setattr(clinic_run, "wait_for_http", lambda *a, **k: None)
    rc = clinic_run.serve([sys.executable, "-c", SERVER], "run-server.log", "http://127.0.0.1:9")
    assert rc == 0
    out, _err = capsys.readouterr()
    assert "a slow request" in out and "bad query" in out
    assert "GET /web/login" not in out and "HTTP service" not in out
    assert "GET /web/login" in (log_dir / "run-server.log").read_text()
