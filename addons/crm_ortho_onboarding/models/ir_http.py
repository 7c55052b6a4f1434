# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request

from ..log_redaction import install_log_redaction

# Request lines of every database this process serves lose their query strings and
# path tokens (API keys, access tokens, submitted values) before any handler sees them.
install_log_redaction()


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        """No attachment or page lookup for a URL with a NUL byte: a plain 404.

        Odoo looks an unknown URL up as an attachment and a website page by its
        path; PostgreSQL refuses NUL in a query, which turned a probe such as
        ``/intake/%00`` into a 500 with a stack trace in the log.
        """
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()
