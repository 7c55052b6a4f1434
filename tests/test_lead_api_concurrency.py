"""Create Lead API under concurrency, against a real server (own transactions per request).

200 submissions at once from 20 threads: 150 different people, 50 of them sent
twice. Exactly 150 leads must exist afterwards, each repeat answered with its
twin's lead (through its receipt), and no answer may be a 5xx.
"""

import contextlib
import json
import random
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

DEMO_KEY = "ck_demo_smile_website_key_not_for_production"


def leads_of_receipts(pg, dbname, receipts):
    """{receipt: lead id} from the capture log: answers carry an opaque receipt, never the
    lead's reference (issue 21, item 6), so the test finds each lead as staff do."""
    with contextlib.closing(pg.connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT receipt, lead_id FROM clinic_capture_log WHERE receipt = ANY(%s)",
            [sorted(receipts)],
        )
        return dict(cr.fetchall())


def post_lead(base_url, body):
    request = urllib.request.Request(
        base_url + "/api/v1/leads",
        json.dumps(body).encode(),
        {"Content-Type": "application/json", "X-API-Key": DEMO_KEY},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def test_two_hundred_concurrent_submissions_make_exactly_the_expected_leads(
    clinic_server, client, clinic_env, pg
):
    run = uuid.uuid4().hex[:8]
    people = [
        {
            "leadtype": "Patient",
            "firstName": f"Kid{index}",
            "lastName": "Concurrency",
            "email": f"parent{index}@run{run}.example.com",
        }
        for index in range(150)
    ]
    submissions = [(index, person) for index, person in enumerate(people)]
    submissions += [(index, people[index]) for index in range(50)]
    random.Random(run).shuffle(submissions)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(
            pool.map(lambda item: (item[0], post_lead(clinic_server, item[1])), submissions)
        )

    assert all(status == 201 for _i, (status, _body) in answers), [
        a for a in answers if a[1][0] != 201
    ][:5]
    receipts = {body["receipt"] for _index, (_status, body) in answers}
    assert len(receipts) == len(answers), "two submissions got the same receipt"
    lead_of = leads_of_receipts(pg, clinic_env["CLINIC_TEST_DB"], receipts)
    assert set(lead_of) == receipts, "an answered receipt has no capture log row"
    leads = {}
    for index, (_status, body) in answers:
        leads.setdefault(index, set()).add(lead_of[body["receipt"]])
    assert all(len(ids) == 1 for ids in leads.values()), "a repeat got another lead"
    assert len({lead for ids in leads.values() for lead in ids}) == 150

    result = client.login(clinic_env["CLINIC_TEST_DB"], "admin", "admin")
    assert "error" not in result, result.get("error")
    count = client.jsonrpc(
        "/web/dataset/call_kw/crm.lead/search_count",
        {
            "model": "crm.lead",
            "method": "search_count",
            "args": [[("email_from", "=like", f"%@run{run}.example.com")]],
            "kwargs": {"context": {"active_test": False}},
        },
    )
    assert count.get("result") == 150, count
