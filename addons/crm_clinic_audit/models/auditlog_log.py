# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import hashlib
import io
import json
import logging
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.modules import module as odoo_module
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Highest role first: the role recorded on an audit row is the user's highest clinic role.
CLINIC_ROLE_GROUPS = [
    ("crm_ortho_onboarding.group_clinic_super_admin", "Super Admin"),
    ("crm_ortho_onboarding.group_clinic_admin", "Clinic Admin"),
    ("crm_ortho_onboarding.group_clinic_treatment_coordinator", "Treatment Coordinator"),
    ("crm_ortho_onboarding.group_clinic_front_desk", "Front Desk"),
    ("crm_ortho_onboarding.group_clinic_doctor", "Doctor"),
    ("crm_ortho_onboarding.group_clinic_clinical_staff", "Clinical Staff"),
    ("crm_ortho_onboarding.group_clinic_billing", "Billing"),
    ("crm_ortho_onboarding.group_clinic_read_only", "Read Only"),
]
# Columns covered by the row hash: immutable snapshots only (no foreign keys, which the
# database may set to NULL when the target is deleted).
HASHED_COLUMNS = (
    "create_date",
    "model_model",
    "res_id",
    "res_ids",
    "method",
    "name",
    "clinic_uid",
    "clinic_patient_res_id",
    "clinic_user_role",
    "clinic_outcome",
    "clinic_ip_address",
    "clinic_user_agent",
)
GENESIS_HASH = "0" * 64
RETENTION_PARAM = "crm_ortho_onboarding.audit_retention_days"
ANCHOR_PARAM = "crm_ortho_onboarding.audit_chain_anchor"
DEFAULT_RETENTION_DAYS = 6 * 365 + 1


class AuditlogLog(models.Model):
    """OCA's audit log, extended into the clinic's single audit trail.

    auditlog records data changes (create/write/unlink/export); the clinic adds the events it
    lacks (record opened, attachment downloaded, report printed, login failed, access denied)
    as rows of the same model with their own ``method``, plus who/where (role, IP, user
    agent), the patient concerned, the outcome, and a hash chain that makes edits visible.
    Rows are append-only: write and unlink raise for everyone, sudo included.
    """

    _inherit = "auditlog.log"

    clinic_uid = fields.Integer(string="User ID", readonly=True)
    clinic_user_role = fields.Char(string="Role", readonly=True)
    clinic_patient_id = fields.Many2one(
        "res.partner", string="Patient", readonly=True, index="btree_not_null"
    )
    clinic_patient_res_id = fields.Integer(string="Patient ID", readonly=True)
    clinic_outcome = fields.Selection(
        [("success", "Success"), ("denied", "Denied"), ("failed", "Failed")],
        string="Outcome",
        readonly=True,
        default="success",
    )
    clinic_ip_address = fields.Char(string="IP Address", readonly=True)
    clinic_user_agent = fields.Char(string="User Agent", readonly=True)
    clinic_content_hash = fields.Char(string="Row Hash", readonly=True)
    clinic_chain_seq = fields.Integer(
        string="Chain Position", readonly=True, index="btree_not_null", copy=False
    )
    clinic_prev_hash = fields.Char(string="Previous Hash", readonly=True, copy=False)
    clinic_chain_hash = fields.Char(string="Chain Hash", readonly=True, copy=False)

    # -- helpers -------------------------------------------------------------------------

    @api.model
    def _clinic_user_role(self, user):
        if user._is_public():
            return "Public"
        for xmlid, label in CLINIC_ROLE_GROUPS:
            if user.has_group(xmlid):
                return label
        return "Portal" if user._is_portal() else "Internal User"

    @api.model
    def _clinic_patient_of(self, model_name, res_id):
        """The patient a row is about, found without reading any PHI value."""
        if not res_id or model_name not in self.env:
            return self.env["res.partner"]
        record = self.env[model_name].sudo().browse(res_id).exists()
        if not record:
            return self.env["res.partner"]
        if model_name == "res.partner":
            # A staff member's or a provider's contact is nobody's patient record.
            is_patient = record.clinic_is_patient or record.clinic_is_guardian
            return record if is_patient else self.env["res.partner"]
        for fname in ("clinic_patient_id", "patient_id", "partner_id"):
            field = record._fields.get(fname)
            is_partner = field and field.type == "many2one" and field.comodel_name == "res.partner"
            if is_partner and record[fname]:
                return record[fname]
        return self.env["res.partner"]

    @api.model
    def _clinic_request_values(self):
        if not request:
            return {}
        httprequest = request.httprequest
        return {
            "clinic_ip_address": httprequest.remote_addr,
            "clinic_user_agent": (httprequest.user_agent.string or "")[:255],
        }

    @api.model
    def _clinic_row_digest(self, row):
        """sha256 of the hashed columns of one row (a dict from SQL)."""
        payload = {}
        for column in HASHED_COLUMNS:
            value = row.get(column)
            if column == "create_date" and value:
                value = fields.Datetime.to_string(value)
            payload[column] = value if value not in (None, "") else None
        payload["fields"] = sorted(row.get("field_names") or [])
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def _clinic_fetch_rows(self):
        """Hashed columns of the given rows, straight from the table (what a verifier trusts)."""
        if not self.ids:
            return []
        self.env.cr.execute(
            SQL(
                """SELECT l.id, %s, l.clinic_content_hash, l.clinic_chain_seq,
                          l.clinic_prev_hash, l.clinic_chain_hash,
                          ARRAY(SELECT ln.field_name FROM auditlog_log_line ln
                                WHERE ln.log_id = l.id AND ln.field_name IS NOT NULL)
                              AS field_names
                     FROM auditlog_log l WHERE l.id IN %s ORDER BY l.id""",
                SQL(", ").join(SQL.identifier("l", c) for c in HASHED_COLUMNS),
                tuple(self.ids),
            )
        )
        return self.env.cr.dictfetchall()

    # -- CRUD: append only ---------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Audit rows are written by the server only, never through the UI or RPC.
            raise AccessError(self.env._("Audit log entries cannot be created by hand."))
        redacted = self.env["auditlog.rule"]._clinic_redacted_model_ids()
        request_values = self._clinic_request_values()
        users = (
            self.env["res.users"]
            .sudo()
            .browse({vals.get("user_id") or self.env.uid for vals in vals_list})
        )
        roles = {user.id: self._clinic_user_role(user) for user in users}
        for vals in vals_list:
            for key, value in request_values.items():
                vals.setdefault(key, value)
            uid = vals.get("user_id") or self.env.uid
            vals.setdefault("user_id", uid)
            vals["clinic_uid"] = uid
            vals.setdefault("clinic_user_role", roles.get(uid))
            model = self.env["ir.model"].sudo().browse(vals.get("model_id"))
            if "clinic_patient_id" not in vals and vals.get("res_id"):
                vals["clinic_patient_id"] = self._clinic_patient_of(model.model, vals["res_id"]).id
            vals["clinic_patient_res_id"] = vals.get("clinic_patient_id") or 0
            if (
                self.env.context.get("clinic_auditlog_rule")
                and vals.get("model_id") in redacted
                and vals.get("res_id")
            ):
                # display_name of a patient record is PHI: keep a reference instead.
                vals["name"] = f"{model.model},{vals['res_id']}"
        logs = super().create(vals_list)
        logs._clinic_store_content_hash()
        return logs

    def _clinic_store_content_hash(self):
        self.env["auditlog.log.line"].flush_model()
        self.flush_model()
        for row in self._clinic_fetch_rows():
            self.env.cr.execute(
                SQL(
                    "UPDATE auditlog_log SET clinic_content_hash = %s WHERE id = %s",
                    self._clinic_row_digest(row),
                    row["id"],
                )
            )
        self.invalidate_recordset(["clinic_content_hash"])

    def write(self, vals):
        if self:
            raise UserError(self.env._("Audit log entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_row(self):
        raise UserError(
            self.env._("Audit log entries cannot be deleted; the retention job removes them.")
        )

    # -- clinic events -------------------------------------------------------------------

    @api.model
    def _clinic_log_event(
        self, model_name, res_ids, method, outcome="success", name=None, user_id=None
    ):
        """Record an access event (read, download, print, denial, failed login) on records.

        One row per record; only ids, never field values. Form reads and downloads run on
        read-only cursors (``@api.readonly`` routes): their row is then written in a
        transaction of its own rather than forcing the request onto a read/write cursor.
        """
        if self.env.cr.readonly:
            if odoo_module.current_test:
                # Test cursors cannot open a read/write cursor from a read-only one: have the
                # request served again on a read/write cursor, as Odoo does for any write
                # attempted in a read-only route.
                raise psycopg2.errors.ReadOnlySqlTransaction("audit row needs a read/write cursor")
            return self._clinic_log_event_autonomous(
                model_name, res_ids, method, outcome, name, user_id
            )
        model_id = self.env["ir.model"]._get_id(model_name)
        vals_list = [
            {
                "model_id": model_id,
                "res_id": res_id,
                "method": method,
                "clinic_outcome": outcome,
                "name": name or f"{model_name},{res_id}",
                "user_id": user_id or self.env.uid,
                "log_type": "fast",
            }
            for res_id in (res_ids or [0])
        ]
        return self.sudo().create(vals_list)

    @api.model
    def _clinic_log_event_autonomous(
        self, model_name, res_ids, method, outcome, name=None, user_id=None
    ):
        """Same, in a transaction of its own: used when the current one is about to be rolled
        back (access denied, failed login) and would take the audit row with it."""
        if odoo_module.current_test:
            # Tests share one transaction and never commit; a second cursor would.
            return self._clinic_log_event(model_name, res_ids, method, outcome, name, user_id)
        try:
            with self.env.registry.cursor() as cr:
                # As superuser: a failed login runs without a user, and an environment
                # without one cannot write (user_id names who it was about).
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["auditlog.log"]._clinic_log_event(
                    model_name, res_ids, method, outcome, name, user_id or self.env.uid
                )
        except Exception:
            _logger.exception("Could not write the audit row for %s on %s", method, model_name)
        return True

    # -- hash chain ----------------------------------------------------------------------

    @api.model
    def _clinic_chain_head(self):
        self.env.cr.execute(
            "SELECT clinic_chain_seq, clinic_chain_hash FROM auditlog_log "
            "WHERE clinic_chain_seq IS NOT NULL ORDER BY clinic_chain_seq DESC LIMIT 1"
        )
        row = self.env.cr.fetchone()
        if row:
            return row
        anchor = self.env["ir.config_parameter"].sudo().get_param(ANCHOR_PARAM)
        if anchor:
            seq, digest = anchor.split(":")
            return int(seq), digest
        return 0, GENESIS_HASH

    @api.model
    def _cron_clinic_seal_chain(self, batch_size=5000):
        """Chain the rows committed since the last run, in the order this job sees them.

        Sealing in one job (not at insert) keeps concurrent transactions from forking the
        chain and from waiting on each other for a lock.
        """
        self.env.flush_all()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext('clinic_audit_chain'))")
        seq, prev = self._clinic_chain_head()
        sealed = 0
        while True:
            self.env.cr.execute(
                "SELECT id FROM auditlog_log WHERE clinic_chain_seq IS NULL "
                "AND clinic_content_hash IS NOT NULL ORDER BY id LIMIT %s",
                [batch_size],
            )
            ids = [r[0] for r in self.env.cr.fetchall()]
            if not ids:
                break
            for row in self.browse(ids)._clinic_fetch_rows():
                seq += 1
                chain = hashlib.sha256((prev + row["clinic_content_hash"]).encode()).hexdigest()
                self.env.cr.execute(
                    SQL(
                        "UPDATE auditlog_log SET clinic_chain_seq = %s, clinic_prev_hash = %s, "
                        "clinic_chain_hash = %s WHERE id = %s",
                        seq,
                        prev,
                        chain,
                        row["id"],
                    )
                )
                prev = chain
            sealed += len(ids)
            if len(ids) < batch_size:
                break
        self.invalidate_model(["clinic_chain_seq", "clinic_prev_hash", "clinic_chain_hash"])
        return sealed

    @api.model
    def _clinic_verify_chain(self, batch_size=5000):
        """Recompute every row hash and chain link; return the ids of rows that do not match.

        A changed column, a deleted row or a re-ordered chain all show up here.
        """
        self.env.flush_all()
        broken = []
        anchor = self.env["ir.config_parameter"].sudo().get_param(ANCHOR_PARAM)
        expected_seq, prev = (
            (int(anchor.split(":")[0]), anchor.split(":")[1])
            if anchor
            else (
                0,
                GENESIS_HASH,
            )
        )
        last_seq = expected_seq
        while True:
            self.env.cr.execute(
                "SELECT id FROM auditlog_log WHERE clinic_chain_seq > %s "
                "ORDER BY clinic_chain_seq LIMIT %s",
                [last_seq, batch_size],
            )
            ids = [r[0] for r in self.env.cr.fetchall()]
            if not ids:
                break
            rows = sorted(
                self.browse(ids)._clinic_fetch_rows(), key=lambda r: r["clinic_chain_seq"]
            )
            for row in rows:
                expected_seq += 1
                digest = self._clinic_row_digest(row)
                chain = hashlib.sha256((prev + digest).encode()).hexdigest()
                if (
                    row["clinic_chain_seq"] != expected_seq
                    or digest != row["clinic_content_hash"]
                    or row["clinic_prev_hash"] != prev
                    or row["clinic_chain_hash"] != chain
                ):
                    broken.append(row["id"])
                    expected_seq = row["clinic_chain_seq"]
                prev = row["clinic_chain_hash"] or chain
                last_seq = row["clinic_chain_seq"]
        # Rows not sealed yet are still checked against their own hash.
        self.env.cr.execute("SELECT id FROM auditlog_log WHERE clinic_chain_seq IS NULL")
        unsealed = self.browse([r[0] for r in self.env.cr.fetchall()])
        for row in unsealed._clinic_fetch_rows():
            if self._clinic_row_digest(row) != row["clinic_content_hash"]:
                broken.append(row["id"])
        return broken

    @api.model
    def _cron_clinic_verify_chain(self):
        broken = self._clinic_verify_chain()
        if broken:
            _logger.error("Audit chain verification failed for audit rows %s", broken[:50])
        else:
            _logger.info("Audit chain verified: no tampering found")
        return broken

    def action_clinic_verify_chain(self):
        """Button of the Audit menu: seal pending rows, verify, and say what was found."""
        self._cron_clinic_seal_chain()
        broken = self._clinic_verify_chain()
        if broken:
            message = self.env._(
                "Tampering detected: %(count)s audit rows do not match their hash (ids %(ids)s).",
                count=len(broken),
                ids=", ".join(map(str, broken[:20])),
            )
            kind = "danger"
        else:
            message = self.env._("The audit trail is intact.")
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": kind, "sticky": bool(broken)},
        }

    # -- retention -----------------------------------------------------------------------

    @api.model
    def _cron_clinic_purge(self):
        """Delete sealed rows older than the retention period (6 years by default).

        Rows go from the start of the chain only, and the hash of the last one deleted is
        kept as the anchor the verification starts from, so the rest stays verifiable.
        """
        self._cron_clinic_seal_chain()
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM)
            or DEFAULT_RETENTION_DAYS
        )
        cutoff = fields.Datetime.now() - timedelta(days=max(days, 1))
        self.env.cr.execute(
            "SELECT max(clinic_chain_seq) FROM auditlog_log "
            "WHERE clinic_chain_seq IS NOT NULL AND create_date < %s",
            [cutoff],
        )
        last_seq = self.env.cr.fetchone()[0]
        if not last_seq:
            return 0
        self.env.cr.execute(
            "SELECT clinic_chain_hash FROM auditlog_log WHERE clinic_chain_seq = %s", [last_seq]
        )
        anchor_hash = self.env.cr.fetchone()[0]
        self.env.cr.execute("DELETE FROM auditlog_log WHERE clinic_chain_seq <= %s", [last_seq])
        count = self.env.cr.rowcount
        self.env["ir.config_parameter"].sudo().set_param(ANCHOR_PARAM, f"{last_seq}:{anchor_hash}")
        self.invalidate_model()
        _logger.info("Audit retention: %s rows older than %s days deleted", count, days)
        return count

    # -- compliance export ---------------------------------------------------------------

    def _clinic_csv_rows(self):
        header = [
            "utc_time",
            "user_id",
            "user",
            "role",
            "patient_id",
            "model",
            "record_id",
            "action",
            "outcome",
            "ip_address",
            "user_agent",
            "reference",
            "row_hash",
            "chain_position",
            "chain_hash",
        ]
        rows = [header]
        for log in self:
            rows.append(
                [
                    fields.Datetime.to_string(log.create_date),
                    log.clinic_uid or log.user_id.id or "",
                    log.user_id.login or "",
                    log.clinic_user_role or "",
                    log.clinic_patient_res_id or "",
                    log.model_model or "",
                    log.res_id or "",
                    log.method or "",
                    log.clinic_outcome or "",
                    log.clinic_ip_address or "",
                    log.clinic_user_agent or "",
                    log.name or "",
                    log.clinic_content_hash or "",
                    log.clinic_chain_seq or "",
                    log.clinic_chain_hash or "",
                ]
            )
        return rows

    def action_clinic_export_csv(self):
        """CSV of the selected audit rows for a compliance reviewer (ids only, no PHI)."""
        buffer = io.StringIO()
        csv.writer(buffer).writerows(self.sorted("id")._clinic_csv_rows())
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"audit-{fields.Date.to_string(fields.Date.today())}.csv",
                    "raw": buffer.getvalue().encode(),
                    "mimetype": "text/csv",
                    "res_model": "res.users",
                    "res_id": self.env.uid,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
