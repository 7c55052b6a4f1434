# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import re
from contextlib import contextmanager

from odoo.tests import HttpCase, tagged

from ..log_redaction import redact

SECRETS = (
    "sk_live_LeakedKey4242",
    "Zelda",
    "Quartermaine",
    "zelda.q@familymail.example",
    "5550142",
    "braces-hurt-molar",
    "hasDiagnosis=true",
    "tok3n-Of-Intake-Packet-0099",
    "f0e1d2c3b4a5968778695a4b3c2d1e0f",
    "3b1f2c4e-1111-2222-3333-444455556666",
    "9b1f2c4e-aaaa-bbbb-cccc-444455556666",
)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{record.name} {record.getMessage()}")


@contextmanager
def capture_server_log():
    """Every line the request and Odoo loggers write at INFO, as the server log has it."""
    handler = _Collect()
    loggers = [logging.getLogger("werkzeug"), logging.getLogger("odoo")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield handler.lines
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


@tagged("post_install", "-at_install", "clinic_privacy")
class TestRequestLogRedaction(HttpCase):
    """The server log keeps method, route and status, never keys, tokens or values."""

    def test_request_lines_of_public_routes_hold_no_key_token_or_value(self):
        urls = [
            (
                "/lead/create?subscriptionkey=sk_live_LeakedKey4242&leadtype=patient"
                "&firstName=Zelda&lastName=Quartermaine&email=zelda.q@familymail.example"
                "&phone=303-555-0142&message=braces-hurt-molar&hasDiagnosis=true"
            ),
            "/intake/tok3n-Of-Intake-Packet-0099",
            "/my/intake/7?access_token=f0e1d2c3b4a5968778695a4b3c2d1e0f",
            "/records/release/9?access_token=f0e1d2c3b4a5968778695a4b3c2d1e0f",
            (
                "/survey/start/3b1f2c4e-1111-2222-3333-444455556666"
                "?answer_token=9b1f2c4e-aaaa-bbbb-cccc-444455556666"
            ),
        ]
        with capture_server_log() as lines:
            for url in urls:
                self.url_open(url, allow_redirects=False)
        log = "\n".join(lines)
        for secret in SECRETS:
            self.assertNotIn(secret, log)
        # What an operator needs stays: method, route and status of each request.
        self.assertRegex(log, r'"GET /lead/create\?<redacted> HTTP/1\.1" \d{3}')
        self.assertRegex(log, r'"GET /intake/<token> HTTP/1\.1" \d{3}')
        self.assertRegex(log, r'"GET /my/intake/7\?<redacted> HTTP/1\.1" \d{3}')
        self.assertRegex(log, r'"GET /records/release/9\?<redacted> HTTP/1\.1" \d{3}')
        self.assertRegex(log, r'"GET /survey/start/<token>\?<redacted> HTTP/1\.1" \d{3}')

    def test_redaction_keeps_what_is_not_secret(self):
        line = '"POST /web/dataset/call_kw/crm.lead/web_read#crm.lead.web_read HTTP/1.1" 200 -'
        self.assertEqual(redact(line), line)
        asset = '"GET /web/assets/1/4f3c2a1b9e8d7c6b/web.assets_web.min.js HTTP/1.1" 200 -'
        self.assertEqual(redact(asset), asset)
        body = "form: subscriptionkey=sk_live_LeakedKey4242&access_token=abc"
        self.assertFalse(re.search(r"LeakedKey|=abc", redact(body)))
