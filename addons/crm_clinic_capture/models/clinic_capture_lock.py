# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import api, fields, models
from odoo.tools import SQL


class ClinicCaptureLock(models.Model):
    """Serialises public submissions about the same contact.

    Two submissions with the same e-mail or phone, or the same idempotency key,
    upsert the same row here. Under PostgreSQL's repeatable read the second one
    fails with a serialization error, Odoo replays its request, and the replay
    sees the lead the first one created: no duplicate, nothing lost. Rows hold
    hashes only.
    """

    _name = "clinic.capture.lock"
    _description = "Lead Capture Lock"
    _log_access = False

    name = fields.Char(required=True, readonly=True)
    date = fields.Datetime(readonly=True)

    _name_unique = models.Constraint("UNIQUE(name)", "One lock per contact.")

    @api.model
    def _clinic_lock(self, tokens):
        """Take the locks of ``tokens`` for this transaction (sorted: no deadlock)."""
        names = sorted({hashlib.sha256(t.encode()).hexdigest() for t in tokens if t})
        now = fields.Datetime.now()
        for name in names:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO clinic_capture_lock (name, date) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET date = EXCLUDED.date",
                    name,
                    now,
                )
            )

    @api.autovacuum
    def _gc_capture_lock(self):
        """Locks only matter while submissions are in flight."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM clinic_capture_lock WHERE date < %s",
                fields.Datetime.subtract(fields.Datetime.now(), days=1),
            )
        )
