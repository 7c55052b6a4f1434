# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.http import request


class AuditlogHttpSession(models.Model):
    """The HTTP session an audit row points to, looked up once per transaction.

    auditlog looks the session up again for every audit row (and the request row
    does it once more); a web lead writes several rows in one request. The id is
    kept in the cursor's cache, which a commit or a rollback (a replayed request)
    empties with the row it may have created. A request that brought no session gets
    none: an anonymous API post would otherwise add a session row of its own.
    """

    _inherit = "auditlog.http.session"

    @api.model
    def current_http_session(self):
        if not request or not request.session:
            return super().current_http_session()
        if request.session.is_new and not request.session.uid:
            # A request that came without a session (an API client, a first post from a
            # browser): the row would name a session no other request will ever share.
            # The request row keeps its path, address and user.
            return False
        cache = self.env.cr.cache.setdefault("clinic_audit_http_session", {})
        key = (request.session.sid, request.env.uid)
        if key not in cache:
            cache[key] = super().current_http_session()
        return cache[key]
