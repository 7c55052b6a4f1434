# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
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

from .. import audit_chain

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
RETENTION_PARAM = "crm_ortho_onboarding.audit_retention_days"
MIN_RETENTION_DAYS = audit_chain.MIN_RETENTION_DAYS
DEFAULT_RETENTION_DAYS = MIN_RETENTION_DAYS
# Rows written per call of the chain sealer / verifier before the next batch.
CHAIN_BATCH = 5000


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
    clinic_chain_key_id = fields.Char(
        string="Chain Key",
        readonly=True,
        copy=False,
        help="Fingerprint of the key that sealed this row (the key itself is not stored).",
    )
    clinic_read_fields = fields.Char(
        string="Fields Read", readonly=True, help="Fields of a list, search or export read."
    )

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
        return audit_chain.row_digest(row)

    def _clinic_fetch_rows(self):
        """Hashed columns of the given rows, straight from the table (what a verifier trusts)."""
        if not self.ids:
            return []
        columns = audit_chain.HASHED_COLUMNS + audit_chain.OPTIONAL_HASHED_COLUMNS
        self.env.cr.execute(
            SQL(
                """SELECT l.id, %s, l.clinic_content_hash, l.clinic_chain_seq,
                          l.clinic_prev_hash, l.clinic_chain_hash, l.clinic_chain_key_id,
                          ARRAY(SELECT ln.field_name FROM auditlog_log_line ln
                                WHERE ln.log_id = l.id AND ln.field_name IS NOT NULL)
                              AS field_names
                     FROM auditlog_log l WHERE l.id IN %s ORDER BY l.id""",
                SQL(", ").join(SQL.identifier("l", c) for c in columns),
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

    # -- bulk reads ------------------------------------------------------------------------

    @api.model
    def _clinic_log_bulk_read(self, model_name, res_ids, method, field_names):
        """One row for one call that read several PHI records: model, ids, fields, user.

        Written with a single INSERT, its hash computed here, so that a list load costs one
        query more. On a read-only cursor (``@api.readonly`` calls) the row goes through a
        cursor of its own, as the form-read rows do.
        """
        user = self.env.user
        row = {
            "create_date": fields.Datetime.now(),
            "model_model": model_name,
            "res_id": None,
            "res_ids": str(list(res_ids)),
            "method": method,
            "name": f"{model_name}: {len(res_ids)} records",
            "clinic_uid": user.id,
            "clinic_patient_res_id": 0,
            "clinic_user_role": self._clinic_user_role(user),
            "clinic_outcome": "success",
            "clinic_ip_address": None,
            "clinic_user_agent": None,
            "clinic_read_fields": ",".join(sorted(field_names or [])) or "(all)",
        }
        row.update(self._clinic_request_values())
        query = SQL(
            """INSERT INTO auditlog_log (create_date, write_date, create_uid, write_uid,
                   model_id, model_name, model_model, res_ids, method, name, user_id,
                   log_type, clinic_uid, clinic_patient_res_id, clinic_user_role,
                   clinic_outcome, clinic_ip_address, clinic_user_agent, clinic_read_fields,
                   clinic_content_hash)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'fast', %s, 0, %s,
                       'success', %s, %s, %s, %s)""",
            row["create_date"],
            row["create_date"],
            user.id,
            user.id,
            self.env["ir.model"]._get_id(model_name),
            self.env[model_name]._description,
            model_name,
            row["res_ids"],
            method,
            row["name"],
            user.id,
            user.id,
            row["clinic_user_role"],
            row["clinic_ip_address"],
            row["clinic_user_agent"],
            row["clinic_read_fields"],
            audit_chain.row_digest(row),
        )
        if not self.env.cr.readonly:
            self.env.cr.execute(query)
            return True
        if odoo_module.current_test:
            # As for form reads: the request is served again on a read/write cursor.
            raise psycopg2.errors.ReadOnlySqlTransaction("audit row needs a read/write cursor")
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(query)
        except Exception:
            _logger.exception("Could not write the audit row for %s on %s", method, model_name)
        return True

    # -- hash chain ----------------------------------------------------------------------

    @api.model
    def _clinic_chain_head(self):
        """(position, chain hash, key id) of the last sealed row; else the anchor of the
        latest purge checkpoint; else the start of the chain."""
        self.env.cr.execute(
            "SELECT clinic_chain_seq, clinic_chain_hash, clinic_chain_key_id FROM auditlog_log "
            "WHERE clinic_chain_seq IS NOT NULL ORDER BY clinic_chain_seq DESC LIMIT 1"
        )
        row = self.env.cr.fetchone()
        if row:
            return row
        purge = self._clinic_last_purge()
        if purge:
            return purge.anchor_seq, purge.anchor_hash, purge.key_id
        return 0, audit_chain.GENESIS_HASH, None

    @api.model
    def _clinic_last_purge(self):
        return (
            self.env["clinic.audit.checkpoint"]
            .sudo()
            .search([("kind", "=", "purge")], order="id desc", limit=1)
        )

    @api.model
    def _clinic_note_key_change(self, head_seq, head_hash, head_key_id, key_id):
        """Sign a checkpoint (and audit it) when the chain key is not the one that sealed
        the last row: the first seal after the chain became keyed, or a key rotation."""
        Checkpoint = self.env["clinic.audit.checkpoint"].sudo()
        if not head_seq or head_key_id == key_id:
            return Checkpoint
        if head_key_id in (None, audit_chain.LEGACY_KEY_ID):
            if Checkpoint.search_count([("kind", "=", "legacy")]):
                return Checkpoint
            kind, previous = "legacy", audit_chain.LEGACY_KEY_ID
        else:
            kind, previous = "rotate", head_key_id
        checkpoint = Checkpoint.create(
            {
                "kind": kind,
                "anchor_seq": head_seq,
                "anchor_hash": head_hash,
                "previous_key_id": previous,
            }
        )
        self._clinic_log_event(
            "clinic.audit.checkpoint",
            checkpoint.ids,
            "config",
            name=f"audit chain key: {previous} -> {checkpoint.key_id} from position {head_seq + 1}",
            user_id=api.SUPERUSER_ID,
        )
        return checkpoint

    @api.model
    def _cron_clinic_seal_chain(self, batch_size=CHAIN_BATCH):
        """Chain the rows committed since the last run, in the order this job sees them.

        Sealing in one job (not at insert) keeps concurrent transactions from forking the
        chain and from waiting on each other for a lock. Links are HMACs with the key of
        the server configuration, which the database does not hold.
        """
        self.env.flush_all()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext('clinic_audit_chain'))")
        key = self.env["clinic.audit.checkpoint"]._clinic_current_key()
        key_id = audit_chain.key_id(key)
        seq, prev, head_key_id = self._clinic_chain_head()
        self._clinic_note_key_change(seq, prev, head_key_id, key_id)
        sealed = 0
        while True:
            self.env.flush_all()
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
                chain = audit_chain.chain_link(prev, row["clinic_content_hash"], key)
                self.env.cr.execute(
                    SQL(
                        "UPDATE auditlog_log SET clinic_chain_seq = %s, clinic_prev_hash = %s, "
                        "clinic_chain_hash = %s, clinic_chain_key_id = %s WHERE id = %s",
                        seq,
                        prev,
                        chain,
                        key_id,
                        row["id"],
                    )
                )
                prev = chain
            sealed += len(ids)
            if len(ids) < batch_size:
                break
        self.invalidate_model(
            ["clinic_chain_seq", "clinic_prev_hash", "clinic_chain_hash", "clinic_chain_key_id"]
        )
        return sealed

    @api.model
    def _clinic_verify_report(self, batch_size=CHAIN_BATCH):
        """Recompute every row hash and chain link from the latest valid purge checkpoint.

        A changed column, a deleted row, a re-ordered chain, a chain rebuilt without the
        key, a purge without a signed checkpoint or a forged checkpoint all show up here.
        Returns ``audit_chain.ChainVerifier.report()``: the rows that do not match, the
        problems found, the checkpoint the check started from and the keys it used.
        """
        self.env.flush_all()
        Checkpoint = self.env["clinic.audit.checkpoint"].sudo()
        verifier = audit_chain.ChainVerifier(
            Checkpoint._clinic_keyring(), Checkpoint._clinic_all()._clinic_export_values()
        )
        last_seq = verifier.start_seq
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
                verifier.feed(row)
                last_seq = row["clinic_chain_seq"]
            if len(ids) < batch_size:
                break
        # Rows not sealed yet are still checked against their own hash.
        self.env.cr.execute("SELECT id FROM auditlog_log WHERE clinic_chain_seq IS NULL")
        unsealed = self.browse([r[0] for r in self.env.cr.fetchall()])
        for row in unsealed._clinic_fetch_rows():
            verifier.feed_unsealed(row)
        return verifier.report()

    @api.model
    def _clinic_verify_chain(self, batch_size=CHAIN_BATCH):
        """Ids of the rows that do not match (see ``_clinic_verify_report``)."""
        return self._clinic_verify_report(batch_size)["broken"]

    @api.model
    def _cron_clinic_verify_chain(self):
        report = self._clinic_verify_report()
        if report["intact"]:
            _logger.info("%s", audit_chain.describe(report))
        else:
            _logger.error("%s", audit_chain.describe(report))
        return report["broken"]

    def action_clinic_verify_chain(self):
        """Button of the Audit menu: seal pending rows, verify, and say what was found."""
        self._cron_clinic_seal_chain()
        report = self._clinic_verify_report()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": audit_chain.describe(report),
                "type": "success" if report["intact"] else "danger",
                "sticky": not report["intact"],
            },
        }

    # -- retention -----------------------------------------------------------------------

    @api.model
    def _clinic_retention_days(self):
        """The retention setting, never below the six-year minimum whatever the database
        holds (the setting refuses less, but a parameter can be edited by hand)."""
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM)
        try:
            days = int(value or DEFAULT_RETENTION_DAYS)
        except ValueError:
            days = DEFAULT_RETENTION_DAYS
        return max(days, MIN_RETENTION_DAYS)

    @api.model
    def _cron_clinic_purge(self):
        """Delete sealed rows older than the retention period (six years at least).

        Only a prefix of the chain made of old rows goes (the first younger row stops
        it), and only from a trail that verifies, so a purge never hides tampering. The
        purge is recorded as a signed checkpoint (count, positions, ids, dates, anchor
        before and after) that verification starts from, and as an audit row.
        """
        self._cron_clinic_seal_chain()
        report = self._clinic_verify_report()
        if not report["intact"]:
            _logger.error("Audit retention skipped: %s", audit_chain.describe(report))
            return 0
        days = self._clinic_retention_days()
        cutoff = fields.Datetime.now() - timedelta(days=days)
        cr = self.env.cr
        cr.execute(
            "SELECT min(clinic_chain_seq) FROM auditlog_log "
            "WHERE clinic_chain_seq IS NOT NULL AND create_date >= %s",
            [cutoff],
        )
        first_young = cr.fetchone()[0]
        cr.execute(
            SQL(
                """SELECT max(clinic_chain_seq), count(*), min(id), max(id),
                          min(create_date), max(create_date)
                     FROM auditlog_log
                    WHERE clinic_chain_seq IS NOT NULL AND create_date < %s %s""",
                cutoff,
                SQL("AND clinic_chain_seq < %s", first_young) if first_young else SQL(),
            )
        )
        last_seq, count, id_from, id_to, date_from, date_to = cr.fetchone()
        if not last_seq:
            return 0
        cr.execute(
            "SELECT clinic_chain_hash FROM auditlog_log WHERE clinic_chain_seq = %s", [last_seq]
        )
        anchor_hash = cr.fetchone()[0]
        previous = self._clinic_last_purge()
        prev_seq = previous.anchor_seq if previous else 0
        prev_hash = previous.anchor_hash if previous else audit_chain.GENESIS_HASH
        cr.execute("DELETE FROM auditlog_log WHERE clinic_chain_seq <= %s", [last_seq])
        count = cr.rowcount
        self.invalidate_model()
        checkpoint = (
            self.env["clinic.audit.checkpoint"]
            .sudo()
            .create(
                {
                    "kind": "purge",
                    "seq_from": prev_seq + 1,
                    "seq_to": last_seq,
                    "row_count": count,
                    "id_from": id_from,
                    "id_to": id_to,
                    "date_from": date_from,
                    "date_to": date_to,
                    "prev_anchor_seq": prev_seq,
                    "prev_anchor_hash": prev_hash,
                    "anchor_seq": last_seq,
                    "anchor_hash": anchor_hash,
                    "retention_days": days,
                }
            )
        )
        self._clinic_log_event(
            "clinic.audit.checkpoint",
            checkpoint.ids,
            "purge",
            name=f"retention: {count} rows removed (positions {prev_seq + 1}-{last_seq})",
            user_id=api.SUPERUSER_ID,
        )
        _logger.info("Audit retention: %s rows older than %s days deleted", count, days)
        return count

    # -- export for the offline verifier ---------------------------------------------------

    @api.model
    def _clinic_export_trail(self, batch_size=CHAIN_BATCH):
        """The whole trail as the offline verifier reads it (tools/clinic_audit_verify.py):
        the hashed columns of every row, their chain columns, and the signed checkpoints.
        Ids, roles and references only: no field value is stored in the trail."""
        self.env.flush_all()
        rows = []
        last_id = 0
        while True:
            self.env.cr.execute(
                "SELECT id FROM auditlog_log WHERE id > %s ORDER BY id LIMIT %s",
                [last_id, batch_size],
            )
            ids = [r[0] for r in self.env.cr.fetchall()]
            if not ids:
                break
            for row in self.browse(ids)._clinic_fetch_rows():
                row["create_date"] = fields.Datetime.to_string(row["create_date"])
                row["field_names"] = sorted(row["field_names"] or [])
                rows.append(row)
            last_id = ids[-1]
        checkpoints = self.env["clinic.audit.checkpoint"].sudo()._clinic_all()
        return {
            "format": "clinic-audit-trail/1",
            "database": self.env.cr.dbname,
            "exported_at": fields.Datetime.to_string(fields.Datetime.now()),
            "rows": rows,
            "checkpoints": checkpoints._clinic_export_values(),
        }

    def action_clinic_export_trail(self):
        """Download the trail for verification away from the server (clinic admins)."""
        self._cron_clinic_seal_chain()
        data = self._clinic_export_trail()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"audit-trail-{self.env.cr.dbname}-{data['exported_at'][:10]}.json",
                    "raw": json.dumps(data, indent=1).encode(),
                    "mimetype": "application/json",
                    "res_model": "res.users",
                    "res_id": self.env.uid,
                }
            )
        )
        self._clinic_log_event(
            "auditlog.log", [], "export_data", name=f"audit trail export ({len(data['rows'])} rows)"
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

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
