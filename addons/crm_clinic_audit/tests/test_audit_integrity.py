# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

from ..audit_chain import MIN_RETENTION_DAYS, row_digest

RETENTION = "crm_ortho_onboarding.audit_retention_days"
VERIFIER = Path(__file__).resolve().parents[3] / "tools" / "clinic_audit_verify.py"


@tagged("post_install", "-at_install")
class TestAuditIntegrity(ClinicRolesCommon):
    """The audit trail cannot be shrunk or rewritten quietly: six years at least, purges
    leave signed checkpoints, the chain is keyed with a key outside the database, every
    change to the audit configuration is itself audited, and an exported trail verifies
    without the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["auditlog.log"]
        cls.Checkpoint = cls.env["clinic.audit.checkpoint"]

    def _seal_and_report(self):
        self.Log._cron_clinic_seal_chain()
        return self.Log._clinic_verify_report()

    def _config_rows(self, model, name_part):
        return self.Log.search(
            [("model_model", "=", model), ("method", "=", "config"), ("name", "ilike", name_part)]
        )

    def _old_rows(self):
        """Rows written now, purged when the clock is moved six years and a day on."""
        self.lead.write({"description": "old"})
        self.lead.write({"description": "older"})
        self.Log._cron_clinic_seal_chain()

    def _purge_in(self, days):
        with freeze_time(fields.Datetime.now() + timedelta(days=days)):
            return self.Log._cron_clinic_purge()

    # -- retention ------------------------------------------------------------------------

    def test_retention_cannot_be_set_below_six_years(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"clinic_audit_retention_days": 30})
        with self.assertRaises(ValidationError):
            self.env["ir.config_parameter"].set_param(RETENTION, 1)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.clinic_audit_retention_days, MIN_RETENTION_DAYS)

    def test_purge_never_removes_rows_younger_than_six_years(self):
        self._old_rows()
        # A retention of one day written straight into the table is not obeyed.
        self.env.cr.execute(
            "UPDATE ir_config_parameter SET value = '1' WHERE key = %s", [RETENTION]
        )
        self.env["ir.config_parameter"].invalidate_model()
        self.env.registry.clear_cache()
        self.assertEqual(self.Log._clinic_retention_days(), MIN_RETENTION_DAYS)
        self.assertEqual(self._purge_in(400), 0)
        self.assertEqual(self._purge_in(MIN_RETENTION_DAYS - 2), 0)
        self.assertFalse(self.Checkpoint.search([("kind", "=", "purge")]))

    # -- purge checkpoints ----------------------------------------------------------------

    def test_purge_writes_a_signed_checkpoint_that_verification_reports(self):
        self._old_rows()
        self.env.cr.execute("SELECT count(*), max(clinic_chain_seq) FROM auditlog_log")
        total, head = self.env.cr.fetchone()
        purged = self._purge_in(MIN_RETENTION_DAYS + 1)
        self.assertEqual(purged, total)
        checkpoint = self.Checkpoint.search([("kind", "=", "purge")])
        self.assertEqual(len(checkpoint), 1)
        self.assertEqual(checkpoint.row_count, purged)
        self.assertEqual(checkpoint.seq_to, head)
        self.assertEqual(checkpoint.anchor_seq, head)
        self.assertEqual(checkpoint.prev_anchor_seq, 0)
        self.assertTrue(checkpoint.signature and checkpoint.key_id)
        self.assertTrue(checkpoint.date_from <= checkpoint.date_to)
        # The purge itself is an audit row, and the chain goes on from the checkpoint.
        self.assertTrue(self.Log.search([("method", "=", "purge"), ("res_id", "=", checkpoint.id)]))
        self.lead.write({"description": "new"})
        report = self._seal_and_report()
        self.assertTrue(report["intact"], report)
        self.assertEqual(report["checkpoint"]["id"], checkpoint.id)
        self.assertEqual(report["keys_used"], [checkpoint.key_id])
        message = self.Log.action_clinic_verify_chain()["params"]["message"]
        self.assertIn(f"checkpoint #{checkpoint.id}", message)
        self.assertIn(checkpoint.key_id, message)
        with self.assertRaises(UserError):
            checkpoint.sudo().write({"row_count": 1})
        with self.assertRaises(UserError):
            checkpoint.sudo().unlink()

    def test_rows_deleted_without_a_checkpoint_are_detected(self):
        """The old attack: delete the start of the chain and move the anchor parameter."""
        self._old_rows()
        self.assertTrue(self._seal_and_report()["intact"])
        self.env.cr.execute("SELECT max(clinic_chain_seq) FROM auditlog_log")
        head = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            "SELECT clinic_chain_hash FROM auditlog_log WHERE clinic_chain_seq = %s", [head - 1]
        )
        anchor = self.env.cr.fetchone()[0]
        self.env.cr.execute("DELETE FROM auditlog_log WHERE clinic_chain_seq < %s", [head])
        self.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.audit_chain_anchor", f"{head - 1}:{anchor}"
        )
        self.assertFalse(self.Log._clinic_verify_report()["intact"])

    def test_a_forged_purge_checkpoint_is_detected(self):
        self._old_rows()
        self.env.cr.execute("SELECT max(clinic_chain_seq) FROM auditlog_log")
        head = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            "SELECT clinic_chain_hash FROM auditlog_log WHERE clinic_chain_seq = %s", [head - 1]
        )
        anchor = self.env.cr.fetchone()[0]
        self.env.cr.execute("DELETE FROM auditlog_log WHERE clinic_chain_seq < %s", [head])
        # Written straight into the table, without the key: its signature cannot match.
        self.env.cr.execute(
            """INSERT INTO clinic_audit_checkpoint (kind, checkpoint_date, anchor_seq,
                   anchor_hash, prev_anchor_seq, prev_anchor_hash, row_count, date_to,
                   key_id, signature)
               VALUES ('purge', now(), %s, %s, 0, %s, %s, now() - interval '7 years',
                       'forged', 'forged') RETURNING id""",
            [head - 1, anchor, "0" * 64, head - 1],
        )
        forged_id = self.env.cr.fetchone()[0]
        report = self.Log._clinic_verify_report()
        self.assertFalse(report["intact"])
        self.assertTrue(any(f"#{forged_id}" in problem for problem in report["problems"]))

    # -- keyed chain ------------------------------------------------------------------------

    def test_a_chain_rebuilt_without_the_key_is_detected(self):
        """Someone with the code and the database, but not the server's key, rewrites a row
        and recomputes every hash after it the way the former chain did (sha256)."""
        self._old_rows()
        self.assertTrue(self._seal_and_report()["intact"])
        target = self.Log.search([("model_model", "=", "crm.lead"), ("method", "=", "write")])[0]
        self.env.cr.execute(
            "UPDATE auditlog_log SET clinic_user_role = 'Forged Role' WHERE id = %s", [target.id]
        )
        self.env.cr.execute("SELECT clinic_prev_hash FROM auditlog_log WHERE id = %s", [target.id])
        prev = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            "SELECT id FROM auditlog_log WHERE clinic_chain_seq >= "
            "(SELECT clinic_chain_seq FROM auditlog_log WHERE id = %s) ORDER BY clinic_chain_seq",
            [target.id],
        )
        ids = [r[0] for r in self.env.cr.fetchall()]
        for row in self.Log.browse(ids)._clinic_fetch_rows():
            digest = row_digest(row)
            chain = hashlib.sha256((prev + digest).encode()).hexdigest()
            self.env.cr.execute(
                "UPDATE auditlog_log SET clinic_content_hash = %s, clinic_prev_hash = %s, "
                "clinic_chain_hash = %s WHERE id = %s",
                [digest, prev, chain, row["id"]],
            )
            prev = chain
        self.assertIn(target.id, self.Log._clinic_verify_chain())

    def test_key_rotation_is_checkpointed_audited_and_still_verifies(self):
        self._old_rows()
        old_key = self.Checkpoint._clinic_current_key().decode()
        with patch.dict(
            config.options.maps[0], {"clinic_audit_hmac_key": "a-new-key-for-the-chain"}
        ):
            self.lead.write({"description": "after rotation"})
            self.Log._cron_clinic_seal_chain()
            rotation = self.Checkpoint.search([("kind", "=", "rotate")])
            self.assertEqual(len(rotation), 1)
            self.assertTrue(self._config_rows("clinic.audit.checkpoint", "audit chain key"))
            # Without the retired key, the rows it sealed cannot be verified...
            self.assertFalse(self.Log._clinic_verify_report()["intact"])
            with patch.dict(config.options.maps[0], {"clinic_audit_hmac_old_keys": old_key}):
                report = self.Log._clinic_verify_report()
        # ... with it, the whole trail verifies, and the report names both keys.
        self.assertTrue(report["intact"], report)
        self.assertEqual(len(report["keys_used"]), 2)

    # -- configuration changes are audited ----------------------------------------------------

    def test_changing_retention_or_audit_rules_is_audited(self):
        settings = self.env["res.config.settings"].create(
            {"clinic_audit_retention_days": MIN_RETENTION_DAYS + 30}
        )
        settings.execute()
        self.assertTrue(self._config_rows("ir.config_parameter", RETENTION))
        rule = self.env["auditlog.rule"].create(
            {
                "name": "Test: tags",
                "model_id": self.env["ir.model"]._get_id("res.partner.category"),
                "log_type": "fast",
            }
        )
        rule.set_to_confirmed()
        rule.set_to_draft()
        rule.unlink()
        for action in ("created", "subscribed", "unsubscribed", "deleted"):
            self.assertTrue(
                self._config_rows("auditlog.rule", f"res.partner.category: {action}"), action
            )

    # -- offline verification -----------------------------------------------------------------

    def test_exported_trail_verifies_offline_and_tampering_shows(self):
        self._old_rows()
        self.Log._cron_clinic_seal_chain()
        trail = self.Log._clinic_export_trail()
        self.assertTrue(trail["rows"])
        key = self.Checkpoint._clinic_current_key().decode()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "trail.json"
            path.write_text(json.dumps(trail))
            ok = subprocess.run(
                [sys.executable, str(VERIFIER), str(path), "--key", key],
                capture_output=True,
                text=True,
                check=False,
            )
            self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
            self.assertIn("intact", ok.stdout)
            wrong_key = subprocess.run(
                [sys.executable, str(VERIFIER), str(path), "--key", "not-the-key"],
                capture_output=True,
                text=True,
                check=False,
            )
            self.assertEqual(wrong_key.returncode, 1)
            trail["rows"][-1]["clinic_ip_address"] = "10.6.6.6"
            path.write_text(json.dumps(trail))
            tampered = subprocess.run(
                [sys.executable, str(VERIFIER), str(path), "--key", key],
                capture_output=True,
                text=True,
                check=False,
            )
        self.assertEqual(tampered.returncode, 1)
        self.assertIn(str(trail["rows"][-1]["id"]), tampered.stdout)
