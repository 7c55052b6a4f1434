"""Nothing lost: a cron killed mid-run, and a backup restored elsewhere.

Both run Odoo in subprocesses (``odoo-bin shell``, ``odoo-bin db``) on a copy of
the test database, the way an operator or a crashed worker would.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from clinic_lib import ADDONS_DIR, DATA_DIR

MARK = "RESULT:"


def odoo(clinic_env, pg, subcommand, *args, stdin=None):
    src = Path(clinic_env["CLINIC_ODOO_SRC"])
    cmd = [
        sys.executable,
        str(src / "odoo-bin"),
        subcommand,
        f"--addons-path={src / 'addons'},{ADDONS_DIR}",
        f"--data-dir={DATA_DIR}",
        *pg.odoo_args(),
        *args,
    ]
    return subprocess.run(
        cmd, check=False, input=stdin, capture_output=True, text=True, timeout=600
    )


def shell(clinic_env, pg, db, script):
    """Run ``script`` in ``odoo-bin shell``; return (exit status, the RESULT: json or None)."""
    done = odoo(clinic_env, pg, "shell", "-d", db, "--no-http", "--log-level=warn", stdin=script)
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            return done.returncode, json.loads(line[len(MARK) :])
    return done.returncode, None


@pytest.fixture(scope="module")
def scratch_db(clinic_env, pg, tmp_path_factory):
    """A copy of the test database, made with Odoo's dump and load: the end-to-end
    server may be connected to the test database, which then cannot be a template."""
    name = f"clinic_scratch_{uuid.uuid4().hex[:8]}"
    dump = tmp_path_factory.mktemp("scratch") / "test_db.zip"
    done = odoo(clinic_env, pg, "db", "dump", clinic_env["CLINIC_TEST_DB"], str(dump))
    assert done.returncode == 0, done.stderr[-2000:]
    done = odoo(clinic_env, pg, "db", "load", name, str(dump))
    assert done.returncode == 0, done.stderr[-2000:]
    dump.unlink()
    yield name
    pg.drop_database(name)


SETUP_REMINDERS = """
from datetime import timedelta
from odoo import fields
survey = env.ref("crm_intake_forms.intake_template_medical_history")
# The clinic's today, as the reminder cron sees it (not UTC's: they differ late at night).
due = fields.Date.context_today(env["clinic.intake.request"]) + timedelta(days=3)
patients = env["res.partner"].create([
    {"name": f"Crash Patient {i}", "email": f"crash{i}@example.com", "clinic_is_patient": True}
    for i in range(30)
])
requests = env["clinic.intake.request"].create([
    {"survey_id": survey.id, "patient_id": p.id, "recipient_id": p.id, "date_due": due}
    for p in patients
])
requests.action_send()
env.cr.commit()
print("RESULT:" + __import__("json").dumps(requests.ids))
"""

# The test hook: the 25th reminder e-mail kills the process (SIGKILL, no cleanup),
# in the third batch of ten, after two batches committed their progress.
CRASHING_RUN = """
import os, signal
Template = type(env["mail.template"])
original = Template.send_mail
calls = []
def send_mail(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == 25:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)
Template.send_mail = send_mail
env["clinic.intake.request"]._cron_send_reminders(batch_size=10)
env.cr.commit()
print("RESULT:" + str(len(calls)))
"""

RERUN = """
env["clinic.intake.request"]._cron_send_reminders(batch_size=10)
env.cr.commit()
print("RESULT:1")
"""

COUNT = """
ids = IDS
requests = env["clinic.intake.request"].browse(ids)
mails = env["mail.mail"].search([("model", "=", requests._name), ("res_id", "in", ids),
                                 ("subject", "ilike", "Reminder")])
print("RESULT:" + __import__("json").dumps({
    "reminded": sorted(requests.filtered("reminder_count").ids),
    "counts": sorted(set(requests.mapped("reminder_count"))),
    "mails": sorted(mails.mapped("res_id")),
}))
"""


@pytest.mark.timeout(900)
def test_reminder_cron_killed_mid_run_resumes_without_double_or_missing_mail(
    clinic_env, pg, scratch_db
):
    rc, ids = shell(clinic_env, pg, scratch_db, SETUP_REMINDERS)
    assert rc == 0 and ids and len(ids) == 30, rc

    rc, _ = shell(clinic_env, pg, scratch_db, CRASHING_RUN)
    assert rc == -9, f"the test hook did not kill the run (exit status {rc})"
    _rc, state = shell(clinic_env, pg, scratch_db, COUNT.replace("IDS", json.dumps(ids)))
    # The batches committed before the kill stay done, with their e-mails; the
    # batch being processed was rolled back whole (demo requests share the run).
    assert 0 < len(state["reminded"]) < 30, state
    assert state["mails"] == state["reminded"], "a reminder without its mark, or the reverse"
    assert state["counts"] == [0, 1]

    rc, _ = shell(clinic_env, pg, scratch_db, RERUN)
    assert rc == 0
    _rc, state = shell(clinic_env, pg, scratch_db, COUNT.replace("IDS", json.dumps(ids)))
    assert state["reminded"] == sorted(ids), "a request was skipped"
    assert state["counts"] == [1], "a reminder was counted twice"
    assert state["mails"] == sorted(ids), "one reminder e-mail per request, exactly"


SETUP_ATTACHMENT = """
import base64
lead = env["crm.lead"].search([], limit=1)
data = b"%PDF-1.4 clinic backup test MARKER"
attachment = env["ir.attachment"].create({"name": "xray.pdf", "raw": data,
                                          "res_model": "crm.lead", "res_id": lead.id})
env.cr.commit()
print("RESULT:" + __import__("json").dumps([attachment.id, attachment.store_fname]))
"""

READ_ATTACHMENT = """
attachment = env["ir.attachment"].browse(ATTACHMENT_ID)
print("RESULT:" + __import__("json").dumps([attachment.raw.decode(), attachment.res_model,
      env["crm.lead"].search_count([])]))
"""


@pytest.mark.timeout(900)
def test_backup_and_restore_keeps_records_and_attachment_files(
    clinic_env, pg, scratch_db, tmp_path
):
    marker = uuid.uuid4().hex
    rc, (attachment_id, store_fname) = shell(
        clinic_env, pg, scratch_db, SETUP_ATTACHMENT.replace("MARKER", marker)
    )
    assert rc == 0 and store_fname, "the attachment is not in the filestore"
    _rc, (_raw, _model, leads) = shell(
        clinic_env, pg, scratch_db, READ_ATTACHMENT.replace("ATTACHMENT_ID", str(attachment_id))
    )

    dump = tmp_path / "clinic.zip"
    done = odoo(clinic_env, pg, "db", "dump", scratch_db, str(dump))
    assert done.returncode == 0, done.stderr[-2000:]
    assert dump.stat().st_size > 0

    restored = f"{scratch_db}_restored"
    try:
        done = odoo(clinic_env, pg, "db", "load", restored, str(dump))
        assert done.returncode == 0, done.stderr[-2000:]
        assert (DATA_DIR / "filestore" / restored / store_fname).is_file()
        rc, (raw, model, restored_leads) = shell(
            clinic_env, pg, restored, READ_ATTACHMENT.replace("ATTACHMENT_ID", str(attachment_id))
        )
        assert rc == 0
        assert raw == f"%PDF-1.4 clinic backup test {marker}"
        assert model == "crm.lead"
        assert restored_leads == leads
    finally:
        pg.drop_database(restored)
        os.environ.get("CLINIC_KEEP_DUMP") or dump.unlink(missing_ok=True)


# A web lead's after-capture work (creation message, first-contact call) is a mark on
# the lead written in the same INSERT: a worker that dies after the commit, or a cron
# killed mid-run, leaves it pending for the next run, never lost and never done twice.
CAPTURE_THEN_DIE = """
import json, os, signal, sys
# Only this test's leads are pending: the other end-to-end tests' ones stay out of it.
env.cr.execute("UPDATE crm_lead SET clinic_after_capture_pending = NULL")
team = env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
leads = env["crm.lead"].sudo().with_context(clinic_capture_channel="api").create([
    {"clinic_first_name": f"Crash{i}", "clinic_last_name": "Capture", "team_id": team.id,
     "email_from": f"crash.capture{i}@example.com"}
    for i in range(6)
])
env.cr.commit()  # the lead is saved and the sender answered...
print("RESULT:" + json.dumps(leads.ids), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # ...and the worker dies before anything else
"""

KILLED_JOB = """
import os, signal
Lead = type(env["crm.lead"])
original = Lead._clinic_plan_first_contact
calls = []
def plan(self):
    calls.append(len(self))
    if len(calls) == 2:  # the second batch: the first one committed its work
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self)
Lead._clinic_plan_first_contact = plan
env["crm.lead"]._cron_clinic_after_capture(batch_size=2)
print("RESULT:1")
"""

RUN_JOB = """
print("RESULT:" + str(env["crm.lead"]._cron_clinic_after_capture()))
env.cr.commit()
"""

CAPTURE_STATE = """
import json
leads = env["crm.lead"].browse(IDS)
created = leads[:1]._creation_subtype()
print("RESULT:" + json.dumps({
    "pending": sorted(leads.filtered("clinic_after_capture_pending").ids),
    "calls": {lead.id: lead.activity_ids.mapped("summary").count("First contact")
              for lead in leads},
    "messages": {lead.id: len(lead.message_ids.filtered(lambda m: m.subtype_id == created))
                 for lead in leads},
}))
"""


@pytest.mark.timeout(600)
def test_web_lead_work_deferred_past_a_crash_is_done_once(clinic_env, pg, scratch_db):
    rc, ids = shell(clinic_env, pg, scratch_db, CAPTURE_THEN_DIE)
    assert rc == -9 and ids and len(ids) == 6, rc
    state_script = CAPTURE_STATE.replace("IDS", json.dumps(ids))
    _rc, state = shell(clinic_env, pg, scratch_db, state_script)
    assert state["pending"] == sorted(ids), "the saved leads lost their pending work"
    assert set(state["calls"].values()) == {0}, "work ran in the request that died"

    rc, _ = shell(clinic_env, pg, scratch_db, KILLED_JOB)
    assert rc == -9, f"the test hook did not kill the job (exit status {rc})"
    _rc, state = shell(clinic_env, pg, scratch_db, state_script)
    done = [lead_id for lead_id in ids if lead_id not in state["pending"]]
    assert len(done) == 2, state  # the first batch committed; the second rolled back whole
    assert all(state["calls"][str(i)] == 1 and state["messages"][str(i)] == 1 for i in done)

    rc, result = shell(clinic_env, pg, scratch_db, RUN_JOB)
    assert rc == 0 and result == 4, (rc, result)
    _rc, state = shell(clinic_env, pg, scratch_db, state_script)
    assert state["pending"] == []
    assert set(state["calls"].values()) == {1}, "each lead gets exactly one first-contact call"
    assert set(state["messages"].values()) == {1}, "each lead gets exactly one creation message"
