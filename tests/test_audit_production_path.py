"""Audit rows of refused requests, on a real server: the request's own transaction is
rolled back, so the failed-login and access-denied rows must be written and committed in
a transaction of their own. Odoo's test cursor cannot show that (it never commits), so
these tests read the database from outside, after the HTTP answer.

Also the enforced second factor as a browser meets it: the password is right, and the
login page sends a clinic user on to the code page instead of into the clinic."""

import re

import pytest
import requests


def rpc(session, base_url, path, params):
    answer = session.post(
        f"{base_url}{path}", json={"jsonrpc": "2.0", "params": params}, timeout=60
    ).json()
    return answer


def call(session, base_url, model, method, *args, **kwargs):
    return rpc(
        session,
        base_url,
        f"/web/dataset/call_kw/{model}/{method}",
        {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
    )


@pytest.fixture
def db(clinic_env):
    return clinic_env["CLINIC_TEST_DB"]


@pytest.fixture
def sql(pg, db):
    conn = pg.connect(db)
    try:
        cursor = conn.cursor()

        def run(query, *params):
            cursor.execute(query, params)
            return cursor.fetchall()

        yield run
    finally:
        conn.close()


def login(base_url, db, user, password):
    session = requests.Session()
    answer = rpc(
        session,
        base_url,
        "/web/session/authenticate",
        {"db": db, "login": user, "password": password},
    )
    return session, answer


def audit_rows(sql, method, outcome, user_id):
    return sql(
        "SELECT l.id, l.name, m.model FROM auditlog_log l JOIN ir_model m ON m.id = l.model_id "
        "WHERE l.method = %s AND l.clinic_outcome = %s AND l.user_id = %s ORDER BY l.id",
        method,
        outcome,
        user_id,
    )


def test_failed_login_row_is_committed_although_the_request_fails(clinic_server, db, sql):
    [(uid,)] = sql("SELECT id FROM res_users WHERE login = 'frontdesk'")
    before = audit_rows(sql, "login", "failed", uid)
    _session, answer = login(clinic_server, db, "frontdesk", "not-the-password")
    assert "error" in answer and "result" not in answer
    after = audit_rows(sql, "login", "failed", uid)
    assert len(after) == len(before) + 1
    _id, name, model = after[-1]
    assert (name, model) == ("login failed", "res.users")
    # An unknown login is audited too, without the typed login (it may be a patient's e-mail).
    _session, answer = login(clinic_server, db, "nora.patient@example.com", "guess")
    assert "error" in answer
    rows = sql(
        "SELECT count(*) FROM auditlog_log WHERE method = 'login' AND clinic_outcome = 'failed' "
        "AND name LIKE %s",
        "%nora.patient%",
    )
    assert rows == [(0,)]


def test_access_denial_row_is_committed_although_the_request_fails(clinic_server, db, sql):
    [(uid,)] = sql("SELECT id FROM res_users WHERE login = 'readonly'")
    [(lead_id, name)] = sql(
        "SELECT id, name FROM crm_lead WHERE active AND team_id IS NOT NULL ORDER BY id LIMIT 1"
    )
    before = audit_rows(sql, "write", "denied", uid)
    session, answer = login(clinic_server, db, "readonly", "readonly")
    assert "error" not in answer, answer
    answer = call(session, clinic_server, "crm.lead", "write", [lead_id], {"name": "Changed"})
    assert answer["error"]["data"]["name"] == "odoo.exceptions.AccessError"
    after = audit_rows(sql, "write", "denied", uid)
    assert len(after) == len(before) + 1
    assert after[-1][2] == "crm.lead"
    # The write itself was rolled back with the request.
    assert sql("SELECT name FROM crm_lead WHERE id = %s", lead_id) == [(name,)]


@pytest.fixture
def enforced_2fa(clinic_server, db):
    admin, answer = login(clinic_server, db, "admin", "admin")
    assert "error" not in answer, answer
    param = "crm_ortho_onboarding.enforce_2fa"
    call(admin, clinic_server, "ir.config_parameter", "set_param", param, "True")
    try:
        yield
    finally:
        call(admin, clinic_server, "ir.config_parameter", "set_param", param, "")


def web_login(base_url, db, user, password):
    session = requests.Session()
    page = session.get(f"{base_url}/web/login?db={db}", timeout=60).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{base_url}/web/login",
        data={"login": user, "password": password, "csrf_token": csrf, "db": db},
        allow_redirects=False,
        timeout=60,
    )
    return session, response


def test_enforced_second_factor_stops_clinic_staff_at_the_code_page(
    clinic_server, db, enforced_2fa
):
    session, response = web_login(clinic_server, db, "coordinator", "coordinator")
    assert response.status_code in (302, 303), response.status_code
    assert "/web/login/totp" in response.headers["Location"]
    # Right password, no code: the clinic stays closed.
    menus = session.get(f"{clinic_server}/web/webclient/load_menus", timeout=60)
    assert "crm_ortho_onboarding.menu_clinic_crm_root" not in menus.text
