# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

from ..audit_chain import MIN_RETENTION_DAYS


@tagged("post_install", "-at_install")
class TestAuditTrail(ClinicRolesCommon):
    """PHI audit: data changes (OCA auditlog), opens, downloads, prints, exports, failed
    logins and denials, append-only rows chained by hash, retention."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["auditlog.log"]
        cls.patient = cls.env["res.partner"].create(
            {"name": "Nora Secretname", "clinic_is_patient": True, "email": "nora@example.com"}
        )
        cls.lead.partner_id = cls.patient

    def _logs(self, records, method=None):
        domain = [("model_model", "=", records._name), ("res_id", "in", records.ids)]
        if method:
            domain.append(("method", "=", method))
        return self.Log.search(domain, order="id")

    def test_lead_change_is_logged_without_values(self):
        coordinator = self.users["treatment_coordinator"]
        self.lead.with_user(coordinator).write({"description": "Allergic to latex"})
        log = self._logs(self.lead, "write")[-1:]
        self.assertTrue(log, "a write on a lead must leave an audit row")
        self.assertEqual(log.user_id, coordinator)
        self.assertEqual(log.clinic_user_role, "Treatment Coordinator")
        self.assertEqual(log.clinic_patient_id, self.patient)
        self.assertEqual(log.clinic_outcome, "success")
        self.assertIn("description", log.line_ids.mapped("field_name"))
        for line in log.line_ids:
            self.assertFalse(line.new_value or line.new_value_text or line.old_value)
        self.assertNotIn("Mia", log.name)
        self.assertTrue(log.clinic_content_hash)

    def test_patient_creation_and_deletion_are_logged(self):
        partner = self.env["res.partner"].create(
            {"name": "Temp Patient", "clinic_is_patient": True}
        )
        self.assertTrue(self._logs(partner, "create"))
        partner_id = partner.id
        partner.unlink()
        self.assertTrue(
            self.Log.search(
                [
                    ("model_model", "=", "res.partner"),
                    ("res_id", "=", partner_id),
                    ("method", "=", "unlink"),
                ]
            )
        )

    def test_audit_patch_calls_every_addons_override(self):
        """The audit wrapper sits on top of the whole method chain: a module installed
        after the rule was patched (e.g. crm_referrals' lead write) still runs (see
        upstream/auditlog_stale_wrapper.py)."""
        for rule in self.env["auditlog.rule"].search([("state", "=", "confirmed")]):
            cls = self.env.registry[rule.model_id.model]
            for method in ("create", "write", "unlink"):
                own = cls.__dict__.get(method)
                if own is None or not hasattr(own, "origin"):
                    continue
                below = next(b.__dict__[method] for b in cls.__mro__[1:] if method in b.__dict__)
                self.assertIs(own.origin, below, f"{rule.model_id.model}.{method}")

    def test_staff_contact_change_names_no_patient(self):
        staff = self.users["front_desk"].partner_id
        staff.write({"phone": "+1 312 555 0142"})
        self.patient.write({"phone": "+1 312 555 0143"})
        self.assertFalse(self._logs(staff, "write")[-1:].clinic_patient_id)
        self.assertEqual(self._logs(self.patient, "write")[-1:].clinic_patient_id, self.patient)

    def test_form_open_is_logged_but_not_list_loads(self):
        user = self.users["front_desk"]
        lead = self.lead.with_user(user)
        self.env["crm.lead"].with_user(user).web_search_read(
            [("id", "=", self.lead.id)], {"name": {}}
        )
        # A list load is one bulk-read row (test_bulk_read_audit), not an opening.
        self.assertFalse(self._logs(self.lead, "read"))
        lead.web_read({"name": {}})
        log = self._logs(self.lead, "read")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, user)
        self.assertEqual(log.clinic_patient_id, self.patient)
        self.patient.with_user(user).web_read({"name": {}})
        self.assertEqual(len(self._logs(self.patient, "read")), 1)
        # A company contact is no patient: opening it is not audited.
        company = self.env["res.partner"].create(
            {"name": "Dental Supplies Inc", "is_company": True}
        )
        company.with_user(user).web_read({"name": {}})
        self.assertFalse(self._logs(company, "read"))

    def test_print_and_export_are_logged(self):
        view = self.env["ir.ui.view"].create(
            {
                "name": "clinic_test_lead_sheet",
                "type": "qweb",
                "key": "crm_ortho_onboarding.clinic_test_lead_sheet",
                "arch": '<t t-name="crm_ortho_onboarding.clinic_test_lead_sheet">'
                '<t t-foreach="docs" t-as="o"><p t-out="o.id"/></t></t>',
            }
        )
        report = self.env["ir.actions.report"].create(
            {
                "name": "Lead sheet",
                "model": "crm.lead",
                "report_type": "qweb-html",
                "report_name": view.key,
            }
        )
        user = self.users["clinic_admin"]
        user.group_ids += self.env.ref("base.group_allow_export")
        report.with_user(user)._render_qweb_html(report.id, self.lead.ids)
        self.assertEqual(len(self._logs(self.lead, "print")), 1)
        self.lead.with_user(user).export_data(["name"])
        export = self.Log.search(
            [("model_model", "=", "crm.lead"), ("method", "=", "export_data")], limit=1
        )
        self.assertEqual(export.user_id, user)

    def test_access_denial_is_logged(self):
        user = self.users["read_only"]
        denied = False
        # Not assertRaises: its savepoint would roll the audit row back with the error.
        try:
            self.lead.with_user(user).write({"name": "Changed"})
        except AccessError:
            denied = True
        self.assertTrue(denied)
        log = self.Log.search(
            [("model_model", "=", "crm.lead"), ("clinic_outcome", "=", "denied")], limit=1
        )
        self.assertEqual(log.user_id, user)
        self.assertEqual(log.method, "write")
        self.assertEqual(log.clinic_user_role, "Read Only")

    def test_failed_login_is_logged(self):
        user = self.users["front_desk"]
        failed = False
        try:
            self.env["res.users"]._login(
                {"type": "password", "login": user.login, "password": "not-the-password"},
                {"interactive": True},
            )
        except AccessDenied:
            failed = True
        self.assertTrue(failed)
        log = self.Log.search(
            [("model_model", "=", "res.users"), ("method", "=", "login"), ("res_id", "=", user.id)]
        )
        self.assertEqual(log.clinic_outcome, "failed")
        self.assertNotIn(user.login, log.name)

    def test_failed_rpc_password_is_logged(self):
        user = self.users["billing"]
        failed = False
        try:
            self.env["res.users"]._check_uid_passwd(user.id, "not-the-password")
        except AccessDenied:
            failed = True
        self.assertTrue(failed)
        log = self.Log.search(
            [("model_model", "=", "res.users"), ("method", "=", "login"), ("res_id", "=", user.id)]
        )
        self.assertEqual(log.clinic_outcome, "failed")
        self.assertEqual(log.name, "rpc login failed")

    def test_rows_are_append_only_even_for_admins(self):
        self.lead.write({"description": "x"})
        log = self._logs(self.lead, "write")[-1:]
        for env_user in (self.users["super_admin"], self.env.user):
            with self.assertRaises(UserError):
                log.with_user(env_user).sudo().write({"method": "read"})
            with self.assertRaises(UserError):
                log.with_user(env_user).sudo().unlink()
            with self.assertRaises(UserError):
                log.line_ids.with_user(env_user).sudo().unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.users["super_admin"]).create(
                {"model_id": self.env["ir.model"]._get_id("crm.lead"), "method": "read"}
            )

    def test_hash_chain_detects_sql_tampering(self):
        self.lead.write({"description": "first"})
        self.lead.write({"description": "second"})
        self.Log._cron_clinic_seal_chain()
        self.assertEqual(self.Log._clinic_verify_chain(), [])
        target = self._logs(self.lead, "write")[-1]
        self.assertTrue(target.clinic_chain_seq)
        self.env.cr.execute(
            "UPDATE auditlog_log SET clinic_ip_address = '10.6.6.6' WHERE id = %s", [target.id]
        )
        self.assertIn(target.id, self.Log._clinic_verify_chain())

    def test_hash_chain_detects_deleted_row(self):
        self.lead.write({"description": "first"})
        self.lead.write({"description": "second"})
        self.lead.write({"description": "third"})
        self.Log._cron_clinic_seal_chain()
        middle = self._logs(self.lead, "write")[-2]
        self.env.cr.execute("DELETE FROM auditlog_log WHERE id = %s", [middle.id])
        self.assertTrue(self.Log._clinic_verify_chain())

    def test_retention_purge_keeps_chain_verifiable(self):
        self.lead.write({"description": "old"})
        self.Log._cron_clinic_seal_chain()
        with freeze_time(fields.Datetime.now() + timedelta(days=MIN_RETENTION_DAYS + 1)):
            purged = self.Log._cron_clinic_purge()
        self.assertGreater(purged, 0)
        self.assertFalse(self._logs(self.lead, "write"))
        self.lead.write({"description": "new"})
        self.Log._cron_clinic_seal_chain()
        self.assertEqual(self.Log._clinic_verify_chain(), [])
        # Nothing younger than the retention period goes.
        self.assertEqual(self.Log._cron_clinic_purge(), 0)

    def test_csv_export_has_ids_and_no_phi(self):
        self.lead.write({"description": "Allergic to latex"})
        logs = self._logs(self.lead)
        action = logs.with_user(self.users["clinic_admin"]).action_clinic_export_csv()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        rows = list(csv.reader(io.StringIO(attachment.raw.decode())))
        self.assertEqual(rows[0][:4], ["utc_time", "user_id", "user", "role"])
        self.assertEqual(len(rows), len(logs) + 1)
        text = attachment.raw.decode()
        self.assertNotIn("Secretname", text)
        self.assertNotIn("latex", text)

    def test_audit_menu_is_for_clinic_admins(self):
        menu = self.env.ref("crm_clinic_audit.menu_clinic_crm_audit_log")
        admin_menus = (
            self.env["ir.ui.menu"].with_user(self.users["clinic_admin"])._visible_menu_ids()
        )
        coordinator_menus = (
            self.env["ir.ui.menu"]
            .with_user(self.users["treatment_coordinator"])
            ._visible_menu_ids()
        )
        self.assertIn(menu.id, admin_menus)
        self.assertNotIn(menu.id, coordinator_menus)
        self.assertTrue(self.Log.with_user(self.users["clinic_admin"]).search_count([]))
        with self.assertRaises(AccessError):
            self.Log.with_user(self.users["treatment_coordinator"]).search_count([])

    def test_verify_menu_reports_intact_then_tampered(self):
        self.lead.write({"description": "checked"})
        admin_log = self.Log.with_user(self.users["clinic_admin"])
        action = admin_log.action_clinic_verify_chain()
        self.assertEqual(action["params"]["type"], "success")
        target = self._logs(self.lead, "write")[-1]
        self.env.cr.execute(
            "UPDATE auditlog_log SET clinic_user_role = 'Forged Role' WHERE id = %s", [target.id]
        )
        action = admin_log.action_clinic_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(str(target.id), action["params"]["message"])
