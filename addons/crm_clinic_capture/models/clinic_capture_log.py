# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import math
import secrets
from datetime import timedelta

from odoo import api, fields, models

CAPTURE_RESULTS = [
    ("created", "Lead created"),
    ("duplicate", "Repeat of a recent lead"),
    ("linked", "Added to an open lead or patient"),
    ("confirm", "Form shown again to confirm flagged values"),
    ("invalid", "Refused: invalid data"),
    ("unauthorized", "Refused: missing or revoked key"),
    ("forbidden", "Refused: origin not allowed"),
    ("rate_limited", "Refused: too many calls"),
    ("spam", "Dropped as spam"),
    ("error", "Refused: could not be processed"),
]
# Submissions that were taken (a lead created, found or added to): only these count
# against a key's own quota; refusals count against the caller's address alone.
ACCEPTED_RESULTS = ("created", "duplicate", "linked")
# What a repeat inquiry's note and call-back need, kept on its log row until the
# after-capture job has written them on the open lead or the patient.
FOLLOWUP_KEYS = (
    "clinic_first_name",
    "clinic_last_name",
    "email_from",
    "phone",
    "description",
    "clinic_capture_check",
    "team_id",
)


def contact_hash(value):
    """A one-way token for a contact value: rate limits per e-mail without storing it."""
    return hashlib.sha256(value.encode()).hexdigest() if value else False


class ClinicCaptureLog(models.Model):
    """One line per public lead submission (API call or website form post).

    It proves who sent what result when (key, IP, outcome) without copying the
    submitted personal data: the lead itself holds that. The same lines drive the
    rate limits.
    """

    _name = "clinic.capture.log"
    _description = "Lead Capture Log"
    _order = "id desc"
    _rec_name = "reference"

    channel = fields.Selection(
        [
            ("chorus", "Create Lead (/lead/create)"),
            ("api", "JSON API"),
            ("web", "Website form"),
            ("form", "Website builder form (/website/form/crm.lead)"),
        ],
        required=True,
        readonly=True,
    )
    key_id = fields.Many2one("clinic.api.key", string="API Key", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    ip = fields.Char(string="IP Address", readonly=True)
    origin = fields.Char(readonly=True)
    http_method = fields.Char(string="Method", readonly=True)
    status_code = fields.Integer(string="HTTP Status", readonly=True)
    result = fields.Selection(CAPTURE_RESULTS, required=True, readonly=True, index=True)
    lead_id = fields.Many2one("crm.lead", readonly=True, index="btree_not_null")
    partner_id = fields.Many2one("res.partner", string="Patient", readonly=True)
    reference = fields.Char(
        readonly=True,
        help="The lead's (or the patient inquiry's) reference, for staff. It is never "
        "answered to the caller: that would tell whether the person is already known.",
    )
    receipt = fields.Char(
        readonly=True,
        copy=False,
        help="The opaque receipt answered to the caller, new for every accepted submission "
        "(the same again only for a retry with the same Idempotency-Key). Search it here to "
        "find the lead a caller asks about.",
    )
    followup_pending = fields.Boolean(
        string="Follow-up Pending",
        readonly=True,
        help="A repeat inquiry whose note and call-back the after-capture job has not yet "
        "written on the open lead or the patient.",
    )
    followup_vals = fields.Json(
        readonly=True,
        groups="base.group_system",
        help="The repeat inquiry's contact and message, kept only until the after-capture "
        "job wrote them on the lead or the patient.",
    )
    idempotency_key = fields.Char(readonly=True)
    email_hash = fields.Char(readonly=True)
    error_fields = fields.Char(
        readonly=True, help="Fields refused (names only: the values are not kept)."
    )
    warning_fields = fields.Char(
        string="Flagged Fields",
        readonly=True,
        help="Fields kept as sent and flagged on the lead for the first call (names only).",
    )
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    _key_date_idx = models.Index("(key_id, create_date)")
    _ip_date_idx = models.Index("(ip, create_date)")
    _email_date_idx = models.Index("(email_hash, create_date) WHERE email_hash IS NOT NULL")
    _idempotency_idx = models.Index("(key_id, idempotency_key) WHERE idempotency_key IS NOT NULL")
    _key_ip_date_idx = models.Index("(key_id, ip, create_date)")
    _receipt_idx = models.UniqueIndex("(receipt) WHERE receipt IS NOT NULL")
    _followup_pending_idx = models.Index("(id) WHERE followup_pending IS TRUE")

    @api.model
    def _clinic_new_receipt(self):
        """A fresh opaque receipt: 128 random bits, unrelated to the lead or the person."""
        return "rc_" + secrets.token_urlsafe(16)

    @api.model
    def _clinic_outcome_vals(self, outcome):
        """Log values of an accepted submission's outcome (lead, partner, reference,
        receipt and the repeat's pending follow-up)."""
        vals = {
            "result": outcome["result"],
            "lead_id": outcome.get("lead") and outcome["lead"].id,
            "partner_id": outcome.get("partner") and outcome["partner"].id,
            "reference": outcome["reference"],
            # A retry answers the first row's receipt again; that row keeps it.
            "receipt": not outcome.get("replay") and outcome["receipt"],
        }
        if outcome.get("followup"):
            vals.update(followup_pending=True, followup_vals=outcome["followup"])
        return vals

    @api.model
    def _clinic_log_accepted(self, log_vals, outcome, warnings, status_code):
        """The row of an accepted submission: its lead, partner, reference, receipt and the
        names of the fields kept for a check on first contact."""
        return self.create(
            dict(
                log_vals,
                status_code=status_code,
                warning_fields=", ".join(sorted({w["field"] for w in warnings})) or False,
                **self._clinic_outcome_vals(outcome),
            )
        )

    def _clinic_run_followups(self):
        """Write the pending repeat inquiries on their open lead or patient: a note with what
        was sent and a call-back for the owner. Done by the after-capture job, never inside
        the request that answered the sender; the values are dropped from the log once written.
        """
        rows = self.sudo().filtered("followup_pending")
        Lead = self.env["crm.lead"].sudo().with_context(mail_notify_force_send=False)
        for row in rows:
            vals = dict(row.followup_vals or {})
            channel = vals.pop("channel", "api")
            if row.lead_id:
                row.lead_id.with_env(Lead.env)._clinic_capture_followup(vals, channel)
            elif row.partner_id:
                Lead._clinic_capture_followup_patient(row.partner_id, vals, channel, row.reference)
        rows.write({"followup_pending": False, "followup_vals": False})
        return rows

    @api.model
    def _clinic_followups_batch(self, batch_size=200):
        """The pending repeat inquiries of the after-capture cron, in batches that commit."""
        cron = self.env["ir.cron"]
        domain = [("followup_pending", "=", True)]
        done = 0
        while True:
            rows = self.sudo().search(domain, order="id", limit=batch_size)
            if not rows:
                break
            rows._clinic_run_followups()
            done += len(rows)
            remaining = self.sudo().search_count(domain)
            if cron._commit_progress(len(rows), remaining=remaining) <= 0 or not remaining:
                break
        return done

    def _clinic_retry_after(self, domain, limit, seconds):
        """Seconds to wait before one more call fits, or 0 when under ``limit``.

        Refused calls (429) are not counted, so a client that waits as told gets in.
        """
        # The transaction's clock, like create_date: consistent within one request.
        now = self.env.cr.now()
        since = now - timedelta(seconds=seconds)
        calls = self.sudo().search(
            domain + [("create_date", ">=", since), ("result", "!=", "rate_limited")],
            order="create_date desc",
            limit=limit,
        )
        if len(calls) < limit:
            return 0
        oldest = calls[-1].create_date
        wait = (oldest + timedelta(seconds=seconds) - now).total_seconds()
        return max(1, math.ceil(wait))

    @api.autovacuum
    def _gc_capture_log(self):
        """Keep the log for the configured number of days (default 365)."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_ortho_onboarding.capture_log_days", "365")
        )
        old = self.sudo().search(
            [("create_date", "<", fields.Datetime.now() - timedelta(days=days))], limit=10000
        )
        old.unlink()
