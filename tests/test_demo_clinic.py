"""The demo clinic as a person meets it: login page, one demo user per role, the app menu."""

import json

import pytest

DEMO_USERS = {
    "superadmin": "Super Admin",
    "clinicadmin": "Clinic Admin",
    "doctor": "Doctor",
    "clinical": "Clinical Staff",
    "frontdesk": "Front Desk",
    "coordinator": "Treatment Coordinator",
    "billing": "Billing",
    "readonly": "Read Only",
}


def menu_xmlids(menus):
    return {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}


def test_login_page_is_served(client):
    status, _url, html = client.get("/web/login")
    assert status == 200
    assert 'name="login"' in html and 'name="password"' in html


def test_backend_redirects_anonymous_visitors_to_login(client):
    status, url, _html = client.get("/odoo")
    assert status == 200
    assert "/web/login" in url


def test_database_list_is_not_exposed(client):
    """odoo.conf sets list_db = False: nobody may enumerate the clinic's databases."""
    result = client.jsonrpc("/web/database/list", {})
    assert "error" in result
    assert "result" not in result


@pytest.mark.parametrize("login", sorted(DEMO_USERS))
def test_each_demo_role_logs_in_and_sees_clinic_crm(client, clinic_env, login):
    result = client.login(clinic_env["CLINIC_TEST_DB"], login, login)
    assert "error" not in result, result.get("error")
    assert result["result"]["uid"]
    status, _url, body = client.get("/web/webclient/load_menus")
    assert status == 200
    xmlids = menu_xmlids(json.loads(body))
    assert "crm_ortho_onboarding.menu_clinic_crm_root" in xmlids, f"{login} lacks the app"
    # Configuration (pipelines, stages, reasons) is for Clinic Admin and Super Admin only.
    assert ("crm_ortho_onboarding.menu_clinic_crm_config" in xmlids) == (
        login in ("superadmin", "clinicadmin")
    )


def test_wrong_password_is_refused(client, clinic_env):
    result = client.login(clinic_env["CLINIC_TEST_DB"], "frontdesk", "not-the-password")
    assert "error" in result
