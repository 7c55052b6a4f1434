"""Verify an exported Clinic CRM audit trail away from the server.

    ./clinic audit-verify audit-trail-clinic-2026-12-03.json --key-file /secure/audit.key
    python tools/clinic_audit_verify.py TRAIL.json --key KEY [--key OLD_KEY ...]

TRAIL.json is what *Clinic CRM > Audit > Export Trail for Verification* downloads: every
row's hashed columns and chain columns, and the signed checkpoints. The keys are the
server's ``clinic_audit_hmac_key`` (and the retired ones of ``clinic_audit_hmac_old_keys``
for rows sealed before a rotation); also read from CLINIC_AUDIT_HMAC_KEY, comma-separated.
No database and no Odoo are needed: the rules are those of the server, loaded from
addons/crm_clinic_audit/audit_chain.py (standard library only).

Prints what was checked, from which checkpoint and with which keys; exits 0 when the
trail is intact, 1 when it is not, 2 on a usage error.
"""

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

CHAIN_MODULE = Path(__file__).resolve().parent.parent / "addons/crm_clinic_audit/audit_chain.py"


def load_chain_rules(path=CHAIN_MODULE):
    spec = importlib.util.spec_from_file_location("clinic_audit_chain", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verify(trail, keys, chain=None):
    """The verification report of an exported trail (a dict) with the given keys."""
    chain = chain or load_chain_rules()
    verifier = chain.ChainVerifier(chain.keyring(keys), trail.get("checkpoints") or [])
    rows = trail.get("rows") or []
    sealed = sorted(
        (row for row in rows if row.get("clinic_chain_seq")),
        key=lambda row: row["clinic_chain_seq"],
    )
    for row in sealed:
        verifier.feed(row)
    for row in rows:
        if not row.get("clinic_chain_seq"):
            verifier.feed_unsealed(row)
    return verifier.report()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trail", help="JSON file exported from the server")
    parser.add_argument("--key", action="append", default=[], help="a chain key (repeatable)")
    parser.add_argument(
        "--key-file", action="append", default=[], help="a file holding a chain key (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    keys = list(args.key)
    for name in args.key_file:
        keys.append(Path(name).read_text().strip())
    keys += [k.strip() for k in os.environ.get("CLINIC_AUDIT_HMAC_KEY", "").split(",")]
    keys = [k for k in keys if k]
    if not keys:
        parser.error("no key: give --key, --key-file or CLINIC_AUDIT_HMAC_KEY")
    try:
        trail = json.loads(Path(args.trail).read_text())
    except (OSError, ValueError) as err:
        parser.error(f"cannot read {args.trail}: {err}")
    if trail.get("format") != "clinic-audit-trail/1":
        parser.error(f"{args.trail} is not an exported Clinic CRM audit trail")
    chain = load_chain_rules()
    report = verify(trail, keys, chain)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{trail.get('database')} exported {trail.get('exported_at')}:")
        print(chain.describe(report))
    return 0 if report["intact"] else 1


if __name__ == "__main__":
    sys.exit(main())
