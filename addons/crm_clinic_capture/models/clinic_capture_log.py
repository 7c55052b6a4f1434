# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import math
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
    reference = fields.Char(readonly=True, help="The reference answered to the caller.")
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

    @api.model
    @api.model
    def _clinic_log_accepted(self, log_vals, outcome, warnings, status_code):
        """The row of an accepted submission: its lead, partner, reference and the names
        of the fields kept for a check on first contact."""
        return self.create(
            dict(
                log_vals,
                result=outcome["result"],
                status_code=status_code,
                lead_id=outcome.get("lead") and outcome["lead"].id,
                partner_id=outcome.get("partner") and outcome["partner"].id,
                reference=outcome["reference"],
                warning_fields=", ".join(sorted({w["field"] for w in warnings})) or False,
            )
        )

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
