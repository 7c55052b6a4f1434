# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit trail's integrity rules, in plain Python (standard library only).

The server (``models/auditlog_log.py``) and the offline verifier
(``tools/clinic_audit_verify.py``, which loads this file by path, without Odoo) share
this code, so both check an exported trail exactly the same way.

- Each row has a content hash: sha256 of its immutable columns (``row_digest``).
- Sealed rows form a chain: ``chain = HMAC(key, prev_chain + content_hash)``. The key is
  kept outside the database (server configuration), so someone who can edit the tables
  (or read the code) cannot rebuild a chain over changed rows. Each row names the key it
  was sealed with (``clinic_chain_key_id``, a fingerprint, never the key).
- Checkpoints, signed with the same key, record what the chain cannot show by itself:
  a retention purge (how many rows, which positions, ids and dates, the anchor before and
  after), the switch from the former unkeyed chain, and key rotations.
"""

import hashlib
import hmac
import json
from datetime import datetime, timedelta

GENESIS_HASH = "0" * 64
# Rows sealed before the chain was keyed: plain sha256 links, only accepted up to the
# position pinned by a signed "legacy" checkpoint.
LEGACY_KEY_ID = "sha256"
# HIPAA keeps compliance documentation six years (45 CFR 164.316(b)(2)).
MIN_RETENTION_DAYS = 6 * 365 + 1
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
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
# Hashed only when set, so that rows written before these columns existed keep their hash.
OPTIONAL_HASHED_COLUMNS = ("clinic_read_fields",)
CHECKPOINT_SIGNED_FIELDS = (
    "kind",
    "checkpoint_date",
    "seq_from",
    "seq_to",
    "row_count",
    "id_from",
    "id_to",
    "date_from",
    "date_to",
    "prev_anchor_seq",
    "prev_anchor_hash",
    "anchor_seq",
    "anchor_hash",
    "retention_days",
    "key_id",
    "previous_key_id",
)


def _text(value):
    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    return value


def _parse_datetime(value):
    if not value or isinstance(value, datetime):
        return value
    return datetime.strptime(value[:19], DATETIME_FORMAT)


def key_id(key):
    """Fingerprint of a chain key: stored with each row and checkpoint, never the key."""
    if isinstance(key, str):
        key = key.encode()
    return hashlib.sha256(b"clinic-audit-key-id:" + key).hexdigest()[:16]


def keyring(keys):
    """{key id: key bytes} of the given keys (str or bytes), empty ones dropped."""
    ring = {}
    for key in keys:
        if not key:
            continue
        key = key.encode() if isinstance(key, str) else key
        ring[key_id(key)] = key
    return ring


def row_digest(row):
    """sha256 of the hashed columns of one row (a dict; dates as datetime or text)."""
    payload = {}
    for column in HASHED_COLUMNS:
        value = _text(row.get(column))
        payload[column] = value if value not in (None, "") else None
    for column in OPTIONAL_HASHED_COLUMNS:
        if row.get(column) not in (None, ""):
            payload[column] = row[column]
    payload["fields"] = sorted(row.get("field_names") or [])
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def chain_link(prev, digest, key):
    """The chain hash of a row: keyed (HMAC-SHA256), or plain sha256 for legacy rows."""
    message = (prev + digest).encode()
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def checkpoint_message(checkpoint):
    payload = {}
    for name in CHECKPOINT_SIGNED_FIELDS:
        value = _text(checkpoint.get(name))
        payload[name] = None if value is False or value == "" else value
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def sign_checkpoint(checkpoint, key):
    return hmac.new(key, checkpoint_message(checkpoint), hashlib.sha256).hexdigest()


class ChainVerifier:
    """Check a trail row by row, in chain order, from its latest valid purge checkpoint.

    Feed sealed rows sorted by ``clinic_chain_seq`` (rows before the anchor are ignored),
    unsealed ones with ``feed_unsealed``, then read ``report()``.
    """

    def __init__(self, ring, checkpoints):
        self.ring = ring
        self.problems = []
        self.broken = []
        self.keys_used = set()
        self.rows_checked = 0
        self.anchor_checkpoint = None
        self.legacy_seq, self.legacy_hash = 0, None
        self.purged_rows = 0
        self._check_checkpoints(checkpoints)
        if self.anchor_checkpoint:
            self.seq = self.anchor_checkpoint["anchor_seq"]
            self.prev = self.anchor_checkpoint["anchor_hash"]
        else:
            self.seq, self.prev = 0, GENESIS_HASH
        self.start_seq = self.seq

    def _check_checkpoints(self, checkpoints):
        anchor = (0, GENESIS_HASH)
        for cp in sorted(checkpoints, key=lambda c: c["id"]):
            label = f"checkpoint #{cp['id']} ({cp['kind']})"
            key = self.ring.get(cp.get("key_id"))
            if key is None:
                self.problems.append(f"{label}: its key {cp.get('key_id')} is not available")
                continue
            if not hmac.compare_digest(sign_checkpoint(cp, key), cp.get("signature") or ""):
                self.problems.append(f"{label}: the signature does not match (forged or changed)")
                continue
            self.keys_used.add(cp["key_id"])
            if cp["kind"] == "legacy":
                self.legacy_seq, self.legacy_hash = cp["anchor_seq"], cp["anchor_hash"]
            elif cp["kind"] == "purge":
                if (cp["prev_anchor_seq"] or 0, cp["prev_anchor_hash"] or GENESIS_HASH) != anchor:
                    self.problems.append(
                        f"{label}: it does not follow the previous purge (a checkpoint is missing)"
                    )
                limit = _parse_datetime(cp["checkpoint_date"]) - timedelta(days=MIN_RETENTION_DAYS)
                if _parse_datetime(cp["date_to"]) > limit:
                    self.problems.append(
                        f"{label}: it removed rows younger than the minimum retention"
                    )
                anchor = (cp["anchor_seq"], cp["anchor_hash"])
                self.anchor_checkpoint = cp
                self.purged_rows += cp["row_count"] or 0

    def _key_of(self, row):
        kid = row.get("clinic_chain_key_id") or LEGACY_KEY_ID
        if kid == LEGACY_KEY_ID:
            # Unkeyed links are only trusted where a signed checkpoint pinned them.
            return (None, True) if row["clinic_chain_seq"] <= self.legacy_seq else (None, False)
        if kid not in self.ring:
            return None, False
        self.keys_used.add(kid)
        return self.ring[kid], True

    def feed(self, row):
        seq = row["clinic_chain_seq"]
        if seq <= self.start_seq:
            return
        self.rows_checked += 1
        self.seq += 1
        digest = row_digest(row)
        key, known = self._key_of(row)
        chain = chain_link(self.prev, digest, key)
        if (
            not known
            or seq != self.seq
            or digest != row["clinic_content_hash"]
            or row["clinic_prev_hash"] != self.prev
            or row["clinic_chain_hash"] != chain
            or (seq == self.legacy_seq and row["clinic_chain_hash"] != self.legacy_hash)
        ):
            self.broken.append(row["id"])
            self.seq = seq
        self.prev = row["clinic_chain_hash"] or chain

    def feed_unsealed(self, row):
        self.rows_checked += 1
        if row_digest(row) != row["clinic_content_hash"]:
            self.broken.append(row["id"])

    def report(self):
        cp = self.anchor_checkpoint
        return {
            "intact": not self.broken and not self.problems,
            "broken": self.broken,
            "problems": self.problems,
            "rows_checked": self.rows_checked,
            "start_seq": self.start_seq,
            "checkpoint": cp
            and {
                "id": cp["id"],
                "kind": cp["kind"],
                "date": _text(cp["checkpoint_date"]),
                "row_count": cp["row_count"],
                "anchor_seq": cp["anchor_seq"],
                "key_id": cp["key_id"],
            },
            "purged_rows": self.purged_rows,
            "keys_used": sorted(self.keys_used),
        }


def describe(report):
    """One paragraph for people: what was checked, from which checkpoint, with which keys."""
    if report["checkpoint"]:
        cp = report["checkpoint"]
        start = (
            f"from signed checkpoint #{cp['id']} of {cp['date']} (purge of {cp['row_count']} "
            f"rows up to chain position {cp['anchor_seq']}, key {cp['key_id']})"
        )
    else:
        start = "from the start of the chain (no purge so far)"
    keys = ", ".join(report["keys_used"]) or "none"
    text = f"{report['rows_checked']} rows checked {start}; chain keys used: {keys}."
    if report["intact"]:
        return f"The audit trail is intact. {text}"
    parts = [f"Tampering detected. {text}"]
    if report["broken"]:
        ids = ", ".join(map(str, report["broken"][:20]))
        parts.append(f"{len(report['broken'])} rows do not match their hash (ids {ids}).")
    parts.extend(report["problems"])
    return " ".join(parts)
