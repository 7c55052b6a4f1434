# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

KEY_PREFIX = "ck_"


def hash_api_key(key):
    """SHA-256 of a key: keys are 240 random bits, so a slow password hash adds nothing
    and a fast one keeps every API call cheap."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class ClinicApiKey(models.Model):
    """A key that lets one marketing site (or ad platform) create leads.

    Each key belongs to a marketing source, may be limited to a pipeline and to
    the browser origins allowed to call with it, and has its own rate. Only a
    hash is stored: the key is shown once, when an administrator generates it.
    """

    _name = "clinic.api.key"
    _description = "Lead Capture API Key"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(
        required=True, tracking=True, help="Which site or campaign uses this key, e.g. Smile site."
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("new", "No key yet"), ("active", "Active"), ("revoked", "Revoked")],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    source_id = fields.Many2one(
        "utm.source",
        string="Marketing Source",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="Leads sent with this key are attributed to this source unless the call names "
        "another one (marketingSourceId).",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Pipeline",
        tracking=True,
        check_company=True,
        help="When set, every lead sent with this key goes to this pipeline.",
    )
    allowed_origins = fields.Text(
        tracking=True,
        help="Web pages allowed to call the API from a browser (CORS), one per line, e.g. "
        "https://www.smile-clinic.example. Empty: server-to-server calls only.",
    )
    thank_you_url = fields.Char(
        string="Thank-you Page",
        tracking=True,
        help="Where a browser that posted a form straight to /lead/create is sent once the "
        "inquiry is received, e.g. https://www.smile-clinic.example/thanks. Empty: the "
        "clinic's own thank-you page.",
    )
    rate_limit = fields.Integer(
        string="Calls per Minute",
        default=60,
        required=True,
        tracking=True,
        help="Submissions accepted with this key within a minute; more are refused (429) "
        "until the minute passes. Refused calls do not count here, only against the address "
        "that sent them.",
    )
    rate_limit_per_address = fields.Integer(
        string="Calls per Minute per Address",
        default=0,
        tracking=True,
        help="Calls with this key from one client address within a minute, refused ones "
        "included; more are refused (429) for that address only. 0: the same as Calls per "
        "Minute. Lower it when the key is used from visitors' browsers, so that one visitor "
        "cannot use up the site's quota.",
    )
    key_hash = fields.Char(copy=False, readonly=True, groups="base.group_system")
    key_hint = fields.Char(
        string="Key Starts With", copy=False, readonly=True, help="To recognise the key."
    )
    date_generated = fields.Datetime(string="Generated On", copy=False, readonly=True)
    date_revoked = fields.Datetime(string="Revoked On", copy=False, readonly=True, tracking=True)
    auto_reply_mail_template_id = fields.Many2one(
        "mail.template",
        string="Auto-reply E-mail",
        domain=[("model", "=", "crm.lead")],
        help="Sent to the contact when a new lead is created with this key.",
    )
    auto_reply_sms_template_id = fields.Many2one(
        "sms.template",
        string="Auto-reply SMS",
        domain=[("model", "=", "crm.lead")],
        help="Texted to the contact when a new lead is created with this key.",
    )
    call_count = fields.Integer(string="Calls (30 days)", compute="_compute_call_stats")
    last_call_date = fields.Datetime(string="Last Call", compute="_compute_call_stats")

    _key_hash_unique = models.UniqueIndex("(key_hash) WHERE key_hash IS NOT NULL")
    _rate_limit_positive = models.Constraint(
        "CHECK(rate_limit > 0)", "Calls per minute must be at least 1."
    )
    _rate_limit_per_address_positive = models.Constraint(
        "CHECK(rate_limit_per_address >= 0)",
        "Calls per minute per address must be 0 (same as the key) or more.",
    )

    def _compute_call_stats(self):
        since = fields.Datetime.now() - timedelta(days=30)
        stats = {
            key.id: (count, last)
            for key, count, last in self.env["clinic.capture.log"]._read_group(
                [("key_id", "in", self.ids), ("create_date", ">=", since)],
                ["key_id"],
                ["__count", "create_date:max"],
            )
        }
        for key in self:
            key.call_count, key.last_call_date = stats.get(key.id, (0, False))

    @api.constrains("allowed_origins")
    def _check_allowed_origins(self):
        for key in self:
            for origin in key._clinic_origins():
                parts = urlsplit(origin)
                if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
                    raise ValidationError(
                        self.env._(
                            "Allowed origins: “%(origin)s” is not a web origin; write it like "
                            "https://www.example.com (no path).",
                            origin=origin,
                        )
                    )

    @api.constrains("thank_you_url")
    def _check_thank_you_url(self):
        for key in self.filtered("thank_you_url"):
            parts = urlsplit(key.thank_you_url)
            if not (
                (parts.scheme in ("http", "https") and parts.netloc)
                or (not parts.scheme and not parts.netloc and key.thank_you_url.startswith("/"))
            ):
                raise ValidationError(
                    self.env._(
                        "Thank-you page: write a web address (https://…) or a path of this "
                        "site (/…)."
                    )
                )

    def _clinic_address_rate_limit(self):
        """Calls per minute one client address may make with this key."""
        self.ensure_one()
        return self.rate_limit_per_address or self.rate_limit

    def _clinic_origins(self):
        self.ensure_one()
        return [
            line.strip().rstrip("/").lower()
            for line in (self.allowed_origins or "").splitlines()
            if line.strip()
        ]

    def _clinic_origin_allowed(self, origin):
        """Browsers send Origin; a key with allowed origins accepts only those."""
        self.ensure_one()
        origins = self._clinic_origins()
        if not origins or not origin:
            return True
        return origin.rstrip("/").lower() in origins

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_generate_key(self):
        """Make a new secret key, keep only its hash and show it once."""
        self.ensure_one()
        if self.state == "revoked":
            raise UserError(
                self.env._("This key was revoked; create a new key for the site instead.")
            )
        key = KEY_PREFIX + secrets.token_urlsafe(30)
        # key_hash is for system use only: the write is ours, after the ACL check above.
        self.check_access("write")
        self.sudo().write(
            {
                "key_hash": hash_api_key(key),
                "key_hint": key[:8],
                "state": "active",
                "date_generated": fields.Datetime.now(),
            }
        )
        self.message_post(body=self.env._("A new key was generated; the previous one stops."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Your new API key"),
            "res_model": "clinic.api.key.reveal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_key": key, "default_api_key_id": self.id},
        }

    def action_revoke(self):
        """Revoking is final: the hash is dropped, calls with the key get 401."""
        self.check_access("write")
        self.sudo().write(
            {"key_hash": False, "state": "revoked", "date_revoked": fields.Datetime.now()}
        )
        return True

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_clinic_capture.clinic_capture_log_action"
        )
        action["domain"] = [("key_id", "=", self.id)]
        action["context"] = {"search_default_key_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Used by the public routes
    # ------------------------------------------------------------------

    @api.model
    def _clinic_authenticate(self, key):
        """The active key matching ``key`` (sudo), or an empty recordset."""
        if not key or not isinstance(key, str) or len(key) > 200:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=True)
            .search([("key_hash", "=", hash_api_key(key)), ("state", "=", "active")], limit=1)
        )
