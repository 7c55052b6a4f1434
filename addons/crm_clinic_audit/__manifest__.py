# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Clinic CRM: PHI Audit Trail and Session Security",
    "summary": "Tamper-evident audit of patient data on OCA auditlog, enforced 2FA and "
    "idle-session timeout for clinic staff",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "AGPL-3",
    # auditlog: the audit trail (AGPL-3, hence this addon's licence); auth_totp_mail:
    # 2FA enforced by e-mail code; auth_timeout: re-authentication after inactivity.
    "depends": ["crm_ortho_onboarding", "auditlog", "auth_totp_mail", "auth_timeout"],
    "data": [
        "security/ir.model.access.csv",
        "data/clinic_audit_data.xml",
        "data/auditlog_rule_data.xml",
        "data/clinic_audit_cron_data.xml",
        "data/clinic_session_data.xml",
        "views/auditlog_log_views.xml",
        "views/res_config_settings_views.xml",
        "views/clinic_audit_checkpoint_views.xml",
        "views/clinic_audit_menus.xml",
    ],
    "demo": ["demo/clinic_audit_demo.xml"],
    # Odoo's password policy, installed once the clinic's own data (demo users included)
    # is in: see hooks.py.
    "post_init_hook": "post_init_hook",
    "installable": True,
}
