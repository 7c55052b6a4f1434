"""Fill a database with a realistic clinic: leads, patients, guardians, activities,
intake requests, referrals and records requests, in proportions seen in practice.

Reusable: ``generate(env, leads)`` adds ``leads`` leads (and their dependents) to
the database behind ``env`` (the clinic addons installed); call it again to grow it.
Leads, activities, patients and guardian links go in with SQL (the ORM would take
hours at 1M); the dependent documents, a few percent of the leads, through the ORM
with tracking off, so their computed fields, sequences and constraints are real.

Proportions per 100 leads: 10 patients (each with one guardian for half of them),
10 open activities (from bench_followup), 5 intake requests, 2 referrals,
1 records request.
"""

import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_followup import load_leads

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_notify_force_send": False,
    "clinic_skip_scoring": True,
}
ORM_BATCH = 1000


def _batched_create(env, model, vals_list):
    records = env[model].browse()
    for start in range(0, len(vals_list), ORM_BATCH):
        records |= env[model].with_context(**QUIET).create(vals_list[start : start + ORM_BATCH])
        env.flush_all()
        env.invalidate_all()
    return records


def load_patients(env, first_lead_id):
    """One patient per 10 new leads (linked to the lead), a guardian for every other one."""
    cr = env.cr
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, email, email_normalized, phone, active,
                                 type, company_id, clinic_is_patient, clinic_birthdate,
                                 create_date, write_date, create_uid, write_uid)
        SELECT l.clinic_first_name || ' ' || l.clinic_last_name,
               l.clinic_first_name || ' ' || l.clinic_last_name,
               l.email_from, l.email_normalized, l.phone, TRUE, 'contact', NULL, TRUE,
               date '2010-01-01' + (l.id %% 4000), l.create_date, l.create_date, 1, 1
        FROM crm_lead l WHERE l.id > %(first)s AND l.id %% 10 = 3
        RETURNING id
        """,
        {"first": first_lead_id},
    )
    patient_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        UPDATE crm_lead l SET clinic_patient_id = p.id
        FROM res_partner p
        WHERE p.id = ANY(%(ids)s) AND l.id > %(first)s AND l.id %% 10 = 3
          AND l.email_normalized = p.email_normalized
        """,
        {"ids": patient_ids, "first": first_lead_id},
    )
    cr.execute(
        """
        WITH guardians AS (
            INSERT INTO res_partner (name, complete_name, email, email_normalized, active,
                                     type, create_date, write_date,
                                     create_uid, write_uid)
            SELECT 'Parent of ' || p.name, 'Parent of ' || p.name,
                   'parent.' || p.email, 'parent.' || p.email_normalized, TRUE, 'contact',
                   p.create_date, p.create_date, 1, 1
            FROM res_partner p WHERE p.id = ANY(%(ids)s) AND p.id %% 2 = 0
            RETURNING id, email_normalized
        )
        INSERT INTO clinic_patient_guardian (patient_id, guardian_id, relation, is_primary,
                                             create_date, write_date, create_uid, write_uid)
        SELECT p.id, g.id, 'parent', TRUE, now(), now(), 1, 1
        FROM guardians g JOIN res_partner p
          ON p.id = ANY(%(ids)s) AND 'parent.' || p.email_normalized = g.email_normalized
        """,
        {"ids": patient_ids},
    )
    # Children have a guardian; the others are adults (who receive their own forms).
    cr.execute(
        """
        UPDATE res_partner p SET clinic_birthdate = CASE
            WHEN EXISTS (SELECT 1 FROM clinic_patient_guardian g WHERE g.patient_id = p.id)
            THEN date '2012-01-01' + (p.id %% 2000) ELSE date '1970-01-01' + (p.id %% 9000) END
        WHERE p.id = ANY(%(ids)s)
        """,
        {"ids": patient_ids},
    )
    env.invalidate_all()
    return env["res.partner"].browse(patient_ids)


def load_treatment(env, patients):
    """A started treatment plan for each patient, with two procedures done over the last
    year (what the practice KPIs of the dashboard read)."""
    cr = env.cr
    cr.execute(
        """
        INSERT INTO clinic_treatment_plan (name, patient_id, company_id, state, date_presented,
                                           date_started, amount_total, create_date,
                                           write_date, create_uid, write_uid)
        SELECT 'Plan ' || p.name, p.id, 1,
               CASE WHEN p.id %% 3 = 0 THEN 'completed' ELSE 'in_progress' END,
               current_date - (p.id %% 365), current_date - (p.id %% 365), 0,
               now(), now(), 1, 1
        FROM res_partner p WHERE p.id = ANY(%(ids)s)
        RETURNING id, patient_id
        """,
        {"ids": patients.ids},
    )
    plans = cr.fetchall()
    cr.execute(
        """
        INSERT INTO clinic_treatment_procedure (plan_id, patient_id, company_id, sequence, code,
                                                name, status, fee, date_done, create_date,
                                                write_date, create_uid, write_uid)
        SELECT plan_id, patient_id, 1, n,
               (ARRAY['D0120', 'D0330', 'D8080'])[1 + (plan_id + n) %% 3],
               'Bench procedure', 'done', 100 * (1 + (plan_id + n) %% 3),
               current_date - ((plan_id * n) %% 365), now(), now(), 1, 1
        FROM unnest(%(plans)s::int[], %(patients)s::int[]) AS t(plan_id, patient_id),
             generate_series(1, 2) AS n
        """,
        {"plans": [p for p, _ in plans], "patients": [p for _, p in plans]},
    )
    for table in ("clinic_treatment_plan", "clinic_treatment_procedure"):
        cr.execute(f"ANALYZE {table}")
    return {"clinic.treatment.plan": len(plans), "clinic.treatment.procedure": 2 * len(plans)}


def load_documents(env, patients):
    """Intake requests (half of the patients), referrals and records requests."""
    today = date.today()
    counts = {}
    survey = env.ref("crm_intake_forms.intake_template_medical_history", raise_if_not_found=False)
    if survey:
        env.cr.execute(
            "SELECT patient_id, guardian_id FROM clinic_patient_guardian "
            "WHERE patient_id = ANY(%s)",
            [patients.ids],
        )
        recipient = dict(env.cr.fetchall())
        vals = [
            {
                "survey_id": survey.id,
                "patient_id": p.id,
                "recipient_id": recipient.get(p.id, p.id),
                "state": "sent",
                "date_due": today + timedelta(days=(p.id % 21) - 7),
            }
            for p in patients[::2]
        ]
        counts["clinic.intake.request"] = len(_batched_create(env, "clinic.intake.request", vals))
    if "clinic.referral" in env:
        providers = (
            env["res.partner"]
            .with_context(**QUIET)
            .create([{"name": f"Dr. Bench Referrer {i}", "is_company": False} for i in range(20)])
        )
        vals = [
            {
                "provider_id": providers[i % 20].id,
                "patient_id": p.id,
                "date_referral": today - timedelta(days=p.id % 300),
            }
            for i, p in enumerate(patients[::5])
        ]
        counts["clinic.referral"] = len(_batched_create(env, "clinic.referral", vals))
    if "clinic.treatment.plan" in env:
        counts.update(load_treatment(env, patients))
    if "clinic.records.request" in env:
        vals = [
            {"patient_id": p.id, "date_received": today - timedelta(days=p.id % 40)}
            for p in patients[::10]
        ]
        counts["clinic.records.request"] = len(_batched_create(env, "clinic.records.request", vals))
    return counts


def generate(env, leads):
    """Add ``leads`` leads and their clinic around them; return what was made."""
    cr = env.cr
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM crm_lead")
    first = cr.fetchone()[0]
    t0 = time.perf_counter()
    users = load_leads(env, leads)
    patients = load_patients(env, first)
    counts = {"crm.lead": leads, "res.partner (patients)": len(patients)}
    counts.update(load_documents(env, patients))
    for table in ("crm_lead", "res_partner", "mail_activity", "clinic_patient_guardian"):
        cr.execute(f"ANALYZE {table}")
    counts["seconds"] = round(time.perf_counter() - t0)
    return users, counts
