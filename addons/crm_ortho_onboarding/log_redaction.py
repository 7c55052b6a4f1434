# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Request logs without keys, tokens or submitted values.

Odoo logs every request line through werkzeug (``"GET /path?query HTTP/1.1" 200 -``).
Our public routes carry secrets and PHI there: ``/lead/create`` takes the API key and
the patient's name, e-mail, phone and message as query parameters, portal links carry
``access_token``, intake packets and survey answers a token in the path. A logging
filter on the request loggers keeps the method, the route and the status and replaces
query strings and path tokens. It is installed when the core's code is imported, once
per process, and applies to every database the process serves.
"""

import logging
import re

REDACTED = "<redacted>"
TOKEN = "<token>"

# Loggers that write request lines, request errors or RPC parameters.
REQUEST_LOGGERS = (
    "werkzeug",
    "odoo.http",
    "odoo.http.rpc.request",
    "odoo.http.rpc.response",
    "odoo.service.server",
    "odoo.addons.base.models.ir_http",
    "odoo.addons.http_routing.models.ir_http",
    "odoo.addons.website.models.ir_http",
)

# A path, optionally absolute, and its query string.
_URL = re.compile(r"(?P<path>(?:https?://[^\s/?#\"'<>]+)?/[^\s?#\"'<>]*)(?P<query>\?[^\s#\"'<>]*)?")
# key=value pairs outside a URL (form bodies, exception texts).
_SECRET_PARAM = re.compile(
    r"(?i)\b(access_token|answer_token|survey_token|packet_token|token|subscriptionkey|"
    r"api_key|apikey|x-api-key|password|signature)=([^&\s\"'<>]+)"
)
# An intake packet's token (/intake/<token>; /my/intake/<id> carries an id only).
_INTAKE_TOKEN = re.compile(r"(?<!/my)(/intake/)[^/]+")
# A path segment that looks like a token: a UUID, or 16+ letters and digits mixed.
_TOKEN_SEGMENT = re.compile(
    r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,})$"
)


def _redact_path(path):
    # Asset bundles and static files have hashes in their paths, never secrets.
    if "/web/assets/" in path or "/static/" in path:
        return path
    path = _INTAKE_TOKEN.sub(lambda match: match.group(1) + TOKEN, path)
    segments = path.split("/")
    return "/".join(TOKEN if _TOKEN_SEGMENT.match(seg) else seg for seg in segments)


def _redact_url(match):
    path = _redact_path(match.group("path"))
    query = match.group("query")
    if query and len(query) > 1:
        return f"{path}?{REDACTED}"
    return path + (query or "")


def redact(text):
    """The text with query strings, path tokens and secret parameters replaced."""
    if not text or not isinstance(text, str):
        return text
    text = _URL.sub(_redact_url, text)
    return _SECRET_PARAM.sub(lambda match: f"{match.group(1)}={REDACTED}", text)


class RequestLogRedactionFilter(logging.Filter):
    """Rewrites a record's message with :func:`redact`; never drops a record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logging's business
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


def install_log_redaction():
    """Add the filter to the request loggers, once (module reloads included)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(
            type(existing).__name__ == RequestLogRedactionFilter.__name__
            for existing in logger.filters
        ):
            logger.addFilter(RequestLogRedactionFilter())
