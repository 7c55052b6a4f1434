"""Duplicate contacts under concurrency, across both capture channels.

200 submissions at once from 20 threads, on the JSON API and the Chorus form post:
80 people sent once, and 40 people sent three or four times each, every repeat
written differently (e-mail case and spaces, phone formats, phone only; every form
keeps the phone). Exactly one lead per person must exist afterwards, every answer a
201, and every repeat's receipt leads to its person's lead.
"""

import contextlib
import json
import random
import urllib.error
import urllib.parse
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


def post(base_url, channel, body):
    if channel == "api":
        request = urllib.request.Request(
            base_url + "/api/v1/leads",
            json.dumps(body).encode(),
            {"Content-Type": "application/json", "X-API-Key": DEMO_KEY},
        )
    else:
        form = dict(body, subscriptionkey=DEMO_KEY)
        request = urllib.request.Request(
            base_url + "/lead/create",
            urllib.parse.urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
    try:
        with urllib.request.urlopen(request, timeout=180) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def variants(person, rng):
    """Three or four ways the same parent fills in a form."""
    email, phone = person["email"], person["phone"]
    digits = phone[-10:]
    national = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    # Every way keeps the phone: a phone-only and an e-mail-only form share nothing
    # a clinic could match them by, in any order.
    forms = [
        dict(person),
        dict(person, email=f"  {email.upper()} ", phone=national),
        {
            k: v
            for k, v in dict(person, phone=f"+1 {digits[:3]}.{digits[3:6]}.{digits[6:]}").items()
            if k != "email"
        },
        dict(person, email=email.capitalize(), phone=f"+1 {digits[:3]} {digits[3:6]} {digits[6:]}"),
    ]
    return forms[: rng.choice((3, 4))]


def test_duplicate_contacts_written_differently_make_one_lead_each(
    clinic_server, client, clinic_env, pg
):
    run = uuid.uuid4().hex[:8]
    rng = random.Random(run)
    suffix = rng.randrange(10000)
    people = [
        {
            "leadtype": "Patient",
            "firstName": f"Twin{index}",
            "lastName": "Duplicate",
            "email": f"family{index}@dup{run}.example.com",
            "phone": f"+1646{200 + index:03d}{suffix:04d}",
        }
        for index in range(120)
    ]
    submissions = [(index, person) for index, person in enumerate(people[:80])]
    for index, person in enumerate(people[80:], start=80):
        submissions += [(index, form) for form in variants(person, rng)]
    submissions = submissions[:200]
    rng.shuffle(submissions)
    expected = {index for index, _form in submissions}
    jobs = [(index, rng.choice(("api", "chorus")), form) for index, form in submissions]

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda job: (job[0], post(clinic_server, job[1], job[2])), jobs))

    bad = [answer for answer in answers if answer[1][0] != 201]
    assert not bad, bad[:5]
    receipts = {body["receipt"] for _index, (_status, body) in answers}
    assert len(receipts) == len(answers), "two submissions got the same receipt"
    lead_of = leads_of_receipts(pg, clinic_env["CLINIC_TEST_DB"], receipts)
    assert set(lead_of) == receipts, "an answered receipt has no capture log row"
    leads = {}
    for index, (_status, body) in answers:
        leads.setdefault(index, set()).add(lead_of[body["receipt"]])
    assert all(len(ids) == 1 for ids in leads.values()), "a repeat got another lead"
    assert len({lead for ids in leads.values() for lead in ids}) == len(expected)

    result = client.login(clinic_env["CLINIC_TEST_DB"], "admin", "admin")
    assert "error" not in result, result.get("error")
    count = client.jsonrpc(
        "/web/dataset/call_kw/crm.lead/search_count",
        {
            "model": "crm.lead",
            "method": "search_count",
            "args": [
                [
                    "|",
                    ("email_from", "=like", f"%@dup{run}.example.com"),
                    ("phone", "=like", f"+1646___{suffix:04d}"),
                ]
            ],
            "kwargs": {"context": {"active_test": False}},
        },
    )
    assert count.get("result") == len(expected), count
