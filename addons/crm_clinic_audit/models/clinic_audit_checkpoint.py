# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .. import audit_chain

_logger = logging.getLogger(__name__)

KEY_OPTION = "clinic_audit_hmac_key"
OLD_KEYS_OPTION = "clinic_audit_hmac_old_keys"
KEY_FILE = "clinic_audit_hmac.key"


class ClinicAuditCheckpoint(models.Model):
    """A signed statement about the audit chain that the chain cannot make by itself.

    A retention purge removes the start of the chain: its checkpoint says how many rows
    went, which positions, ids and dates, and the anchor before and after, signed with
    the chain key (HMAC). Verification starts from the latest valid purge checkpoint, so a
    purge without one, or a forged one, shows as tampering. Checkpoints also mark the
    switch from the former unkeyed chain ("legacy") and key rotations. Append-only.
    """

    _name = "clinic.audit.checkpoint"
    _description = "Audit Trail Checkpoint"
    _order = "id desc"

    kind = fields.Selection(
        [("purge", "Retention purge"), ("legacy", "Chain keyed"), ("rotate", "Key rotated")],
        required=True,
        readonly=True,
    )
    checkpoint_date = fields.Datetime(required=True, readonly=True)
    seq_from = fields.Integer(string="From Position", readonly=True)
    seq_to = fields.Integer(string="To Position", readonly=True)
    row_count = fields.Integer(string="Rows Removed", readonly=True)
    id_from = fields.Integer(string="From Row ID", readonly=True)
    id_to = fields.Integer(string="To Row ID", readonly=True)
    date_from = fields.Datetime(string="Oldest Row Removed", readonly=True)
    date_to = fields.Datetime(string="Newest Row Removed", readonly=True)
    prev_anchor_seq = fields.Integer(string="Previous Anchor Position", readonly=True)
    prev_anchor_hash = fields.Char(string="Previous Anchor Hash", readonly=True)
    anchor_seq = fields.Integer(string="Anchor Position", readonly=True)
    anchor_hash = fields.Char(readonly=True)
    retention_days = fields.Integer(readonly=True)
    key_id = fields.Char(readonly=True, help="Fingerprint of the signing key.")
    previous_key_id = fields.Char(readonly=True)
    signature = fields.Char(readonly=True)

    # -- the chain key ---------------------------------------------------------------------

    @api.model
    def _clinic_current_key(self):
        """The key that seals new rows: ``clinic_audit_hmac_key`` of the server
        configuration, else a random key kept in the server's data directory (created
        once, readable by the server's user only). Never in the database."""
        key = config.get(KEY_OPTION)
        if key:
            return key.encode()
        path = os.path.join(config["data_dir"], KEY_FILE)
        if os.path.exists(path):
            with open(path, "rb") as handle:
                return handle.read().strip()
        os.makedirs(config["data_dir"], exist_ok=True)
        new_key = secrets.token_hex(32).encode()
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            # Another worker created it first: use theirs.
            with open(path, "rb") as handle:
                return handle.read().strip()
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(new_key)
        _logger.warning(
            "No %s in the server configuration: the audit chain key was created in %s",
            KEY_OPTION,
            path,
        )
        return new_key

    @api.model
    def _clinic_keyring(self):
        """{key id: key}: the current key and the retired ones kept for verification."""
        old = (config.get(OLD_KEYS_OPTION) or "").split(",")
        return audit_chain.keyring([self._clinic_current_key(), *(k.strip() for k in old)])

    # -- CRUD: append only -----------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Audit checkpoints are written by the server only."))
        key = self._clinic_current_key()
        kid = audit_chain.key_id(key)
        for vals in vals_list:
            vals.setdefault("checkpoint_date", fields.Datetime.now())
            vals["key_id"] = kid
            # Sign exactly what will be read back: 0 for empty numbers, None otherwise.
            for name in audit_chain.CHECKPOINT_SIGNED_FIELDS:
                empty = 0 if self._fields[name].type == "integer" else None
                vals[name] = vals.get(name) or empty
            vals["signature"] = audit_chain.sign_checkpoint(vals, key)
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(self.env._("Audit checkpoints cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_checkpoint(self):
        raise UserError(self.env._("Audit checkpoints cannot be deleted."))

    @api.model
    def _clinic_all(self):
        """Every checkpoint: a handful per year (one per daily purge that removed rows)."""
        return self.search([("kind", "!=", False)], order="id")

    def _clinic_export_values(self):
        """Checkpoints as plain dicts (dates as text), for verification and export."""
        values = []
        for cp in self.sorted("id"):
            row = {"id": cp.id, "signature": cp.signature}
            for name in audit_chain.CHECKPOINT_SIGNED_FIELDS:
                value = cp[name]
                if isinstance(value, bool) and not value and name not in ("kind",):
                    value = None
                if cp._fields[name].type == "datetime" and value:
                    value = fields.Datetime.to_string(value)
                row[name] = value
            values.append(row)
        return values
