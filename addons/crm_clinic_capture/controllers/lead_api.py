# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Create Lead API: Chorus-compatible /lead/create and the JSON API /api/v1/leads.

The routes only parse, authenticate and answer; what a submission becomes is
decided by crm.lead (models/crm_lead.py). Machine callers get JSON, never a
stack trace, and never a 5xx: 201 (with the values kept to check as
``warnings``), or a refusal 400/401/403/413/429. A browser that posts a form
(or follows a link) straight to /lead/create is redirected (303) instead: to the
key's thank-you page, or back to the page it came from with the error.
"""

import json
import logging
import time
from urllib.parse import urlencode, urljoin, urlsplit

from odoo import http
from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from ..models.clinic_capture_log import ACCEPTED_RESULTS, contact_hash
from ..models.crm_lead import CHORUS_FIELDS, EXTRA_FIELDS
from .openapi import openapi_document

_logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
IDEMPOTENCY_MAX = 100
ALLOWED_HEADERS = "Content-Type, X-API-Key, Authorization, Idempotency-Key"


class ClinicLeadApi(http.Controller):
    @http.route(
        "/lead/create",
        type="http",
        auth="public",
        methods=["GET", "POST", "OPTIONS"],
        csrf=False,
        save_session=False,
        max_content_length=MAX_BODY,
    )
    def lead_create(self, **params):
        """Chorus' Create Lead: the key and the fields as query or form parameters."""
        if request.httprequest.method == "OPTIONS":
            return self._preflight()
        names = params
        payload = {name: params[name] for name in CHORUS_FIELDS if name in params}
        if self._is_json():
            body, error = self._json_body()
            if error:
                return self._answer("chorus", 400, {"errors": [error]}, "invalid")
            names = body
            payload = {name: body[name] for name in CHORUS_FIELDS if name in body}
        key_value = payload.get("subscriptionkey")
        if request.httprequest.files:
            errors = [{"field": None, "message": "Files are not accepted here."}]
            return self._answer("chorus", 400, {"errors": errors}, "invalid", key_value=key_value)
        forbidden = request.env["crm.lead"]._clinic_capture_forbidden(names)
        if forbidden:
            return self._refuse_forbidden("chorus", forbidden, key_value)
        return self._capture("chorus", payload, key_value)

    @http.route(
        "/api/v1/leads",
        type="http",
        auth="public",
        methods=["POST", "OPTIONS"],
        csrf=False,
        save_session=False,
        max_content_length=MAX_BODY,
    )
    def api_leads(self, **_params):
        """JSON API: the key in X-API-Key (or Authorization: Bearer), the lead as JSON."""
        if request.httprequest.method == "OPTIONS":
            return self._preflight()
        headers = request.httprequest.headers
        key = headers.get("X-API-Key")
        auth = headers.get("Authorization", "")
        if not key and auth.lower().startswith("bearer "):
            key = auth[7:].strip()
        body, error = self._json_body()
        if error:
            return self._answer("api", 400, {"errors": [error]}, "invalid", key_value=key)
        forbidden = request.env["crm.lead"]._clinic_capture_forbidden(body)
        if forbidden:
            return self._refuse_forbidden("api", forbidden, key)
        allowed = set(CHORUS_FIELDS) | set(EXTRA_FIELDS)
        unknown = sorted(name for name in body if name not in allowed)
        if unknown:
            errors = [{"field": name[:100], "message": "is not a known field."} for name in unknown]
            return self._answer("api", 400, {"errors": errors[:20]}, "invalid", key_value=key)
        return self._capture("api", body, key or body.get("subscriptionkey"))

    @http.route(
        "/api/v1/openapi.json", type="http", auth="public", methods=["GET"], save_session=False
    )
    def openapi(self):
        return request.make_json_response(openapi_document(request.httprequest.host_url))

    # ------------------------------------------------------------------

    def _is_json(self):
        return (request.httprequest.mimetype or "").endswith("json")

    def _is_browser(self):
        """A browser posting a form or following a link: it asks for HTML, sends no JSON.

        Machine clients (curl, requests, fetch with JSON) ask for */* or JSON."""
        accept = request.httprequest.headers.get("Accept") or ""
        return (
            request.httprequest.path == "/lead/create"
            and "text/html" in accept
            and not self._is_json()
        )

    def _refuse_forbidden(self, channel, names, key_value):
        errors = [{"field": name[:100], "message": "may not be set by a caller."} for name in names]
        return self._answer(channel, 400, {"errors": errors[:20]}, "invalid", key_value=key_value)

    def _json_body(self):
        """The request body as a JSON object, or an error entry."""
        try:
            body = json.loads(request.httprequest.get_data(cache=True) or b"null")
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            return None, {"field": None, "message": "The body must be a JSON object."}
        return body, None

    def _client_ip(self):
        return (request.httprequest.remote_addr or "")[:64]

    def _capture(self, channel, payload, key_value):
        started = time.monotonic()
        env = request.env
        headers = request.httprequest.headers
        origin = headers.get("Origin")
        log_model = env["clinic.capture.log"].sudo()
        key = env["clinic.api.key"]._clinic_authenticate(key_value)
        if not key:
            # Guessing keys is throttled per IP.
            retry = log_model._clinic_retry_after(
                [("ip", "=", self._client_ip()), ("key_id", "=", False)],
                self._param_int("capture_unknown_key_per_minute", 30),
                60,
            )
            if retry:
                return self._too_many(channel, retry, None, started)
            return self._answer(
                channel,
                401,
                {"errors": [{"field": "subscriptionkey", "message": "missing or revoked key."}]},
                "unauthorized",
                started=started,
            )
        if not key._clinic_origin_allowed(origin):
            return self._answer(
                channel,
                403,
                {"errors": [{"field": None, "message": "This origin may not use this key."}]},
                "forbidden",
                key=key,
                started=started,
            )
        retry = self._key_retry_after(log_model, key)
        if retry:
            return self._too_many(channel, retry, key, started)
        idempotency_key = headers.get("Idempotency-Key")
        if idempotency_key is not None and not (
            0 < len(idempotency_key) <= IDEMPOTENCY_MAX and idempotency_key.isprintable()
        ):
            errors = [{"field": "Idempotency-Key", "message": "must be 1 to 100 characters."}]
            return self._answer(channel, 400, {"errors": errors}, "invalid", key=key)
        lead_model = env["crm.lead"].sudo().with_company(key.company_id)
        vals, errors, warnings = lead_model._clinic_capture_validate(payload, key)
        if errors:
            return self._answer(
                channel,
                400,
                {"errors": errors},
                "invalid",
                key=key,
                started=started,
                error_fields=errors,
            )
        try:
            with env.cr.savepoint():
                outcome = lead_model._clinic_capture_submit(
                    vals, channel, key=key, idempotency_key=idempotency_key
                )
                env.flush_all()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # Odoo replays the whole request on a fresh snapshot
        except ConcurrencyError:
            raise
        except (ValidationError, UserError) as exc:
            errors = lead_model._clinic_capture_error_messages(exc)
            return self._answer(channel, 400, {"errors": errors}, "invalid", key=key)
        except Exception:
            _logger.exception("Lead capture failed (key %s)", key.id)
            errors = lead_model._clinic_capture_error_messages(None)
            return self._answer(channel, 400, {"errors": errors}, "error", key=key)
        # The same answer whether the person is new or already known: a fresh receipt,
        # never the lead's reference (which would tell anyone holding the site's key that
        # this person has an open lead). "reference" repeats the receipt for integrations
        # written against the earlier answer.
        receipt = outcome["receipt"]
        body = {"status": "received", "receipt": receipt, "reference": receipt}
        body["warnings"] = warnings
        if outcome.get("replay"):
            body["duplicate"] = True
        return self._answer(
            channel,
            201,
            body,
            outcome["result"],
            key=key,
            started=started,
            outcome=outcome,
            idempotency_key=idempotency_key,
            email=vals.get("email_from"),
            warning_fields=warnings,
        )

    def _key_retry_after(self, log_model, key):
        """Seconds before this caller may call again with ``key``, or 0.

        Two buckets: the caller's own (this key from this client address), where every
        call counts, refused ones included; and the key's, where only accepted
        submissions count. A client sending junk, or too fast, exhausts its own bucket
        and never locks the real site out of the key's quota.
        """
        retry = log_model._clinic_retry_after(
            [("key_id", "=", key.id), ("ip", "=", self._client_ip())],
            key._clinic_address_rate_limit(),
            60,
        )
        return retry or log_model._clinic_retry_after(
            [("key_id", "=", key.id), ("result", "in", ACCEPTED_RESULTS)], key.rate_limit, 60
        )

    def _param_int(self, name, default):
        value = request.env["ir.config_parameter"].sudo().get_param(f"crm_ortho_onboarding.{name}")
        try:
            return max(int(value), 1) if value else default
        except ValueError:
            return default

    def _too_many(self, channel, retry, key, started):
        body = {"errors": [{"field": None, "message": "Too many requests; retry later."}]}
        return self._answer(
            channel,
            429,
            body,
            "rate_limited",
            key=key,
            started=started,
            headers=[("Retry-After", str(retry))],
        )

    def _answer(
        self,
        channel,
        status,
        body,
        result,
        key=None,
        started=None,
        headers=None,
        outcome=None,
        idempotency_key=None,
        email=None,
        error_fields=None,
        key_value=None,
        warning_fields=None,
    ):
        """Log the call, then answer JSON with the CORS headers the key allows.

        A browser gets a redirect instead (the log keeps the status a machine gets)."""
        httpreq = request.httprequest
        origin = httpreq.headers.get("Origin")
        if key is None and key_value:
            key = request.env["clinic.api.key"]._clinic_authenticate(key_value) or None
        log_model = request.env["clinic.capture.log"].sudo()
        log_model.create(
            {
                "channel": channel,
                "key_id": key.id if key else False,
                "company_id": key.company_id.id if key else request.env.company.id,
                "ip": self._client_ip(),
                "origin": (origin or "")[:200] or False,
                "http_method": httpreq.method,
                "status_code": status,
                "result": result,
                **(log_model._clinic_outcome_vals(outcome) if outcome else {}),
                "idempotency_key": idempotency_key,
                "email_hash": contact_hash(email),
                "error_fields": ", ".join(
                    sorted({e["field"] for e in error_fields or [] if e["field"]})
                )[:200]
                or False,
                "warning_fields": ", ".join(
                    sorted({w["field"] for w in warning_fields or [] if w["field"]})
                )[:200]
                or False,
                "duration_ms": int((time.monotonic() - started) * 1000) if started else 0,
            }
        )
        if self._is_browser():
            return self._redirect_browser(status, body, key)
        headers = list(headers or [])
        if key and origin and key._clinic_origins() and key._clinic_origin_allowed(origin):
            headers += [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        return request.make_json_response(body, headers=headers, status=status)

    def _redirect_browser(self, status, body, key):
        """303 to the key's thank-you page; a refusal goes back to the form with the error."""
        host = request.httprequest.host_url
        if status < 400:
            target = (key and key.thank_you_url) or "/clinic/thank-you"
            return request.redirect(urljoin(host, target), code=303, local=False)
        error = (body.get("errors") or [{}])[0]
        message = " ".join(filter(None, (error.get("field"), error.get("message"))))
        referrer = request.httprequest.headers.get("Referer") or ""
        parts = urlsplit(referrer)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            # No page to go back to: the clinic's own consultation form.
            referrer = urljoin(host, "/clinic/consultation")
        query = urlencode({"lead_error": message[:300], "lead_status": status})
        separator = "&" if urlsplit(referrer).query else "?"
        return request.redirect(
            referrer.split("#", 1)[0] + separator + query, code=303, local=False
        )

    def _preflight(self):
        """CORS preflight: allowed when an active key lists the calling origin."""
        origin = request.httprequest.headers.get("Origin")
        if origin:
            keys = (
                request.env["clinic.api.key"]
                .sudo()
                .search(
                    [("state", "=", "active"), ("allowed_origins", "ilike", origin.rstrip("/"))],
                    limit=50,
                )
            )
            if any(key._clinic_origin_allowed(origin) for key in keys):
                return request.make_response(
                    "",
                    status=204,
                    headers=[
                        ("Access-Control-Allow-Origin", origin),
                        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        ("Access-Control-Allow-Headers", ALLOWED_HEADERS),
                        ("Access-Control-Max-Age", "600"),
                        ("Vary", "Origin"),
                    ],
                )
        return request.make_response("", status=403, headers=[("Vary", "Origin")])
