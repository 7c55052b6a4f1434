# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

# Release-link requests (pages and downloads, valid or not) one address may make in the
# window before it is refused: enough for a family, too few to guess tokens or to pull
# the files over and over.
RELEASE_HITS = 20
RELEASE_WINDOW_MINUTES = 10
# An id taken from the URL; anything beyond PostgreSQL's integer is no request of ours.
MAX_ID = 2**31 - 1


class ClinicRecordsReleaseHit(models.Model):
    """One request to a records release link, by client address, for throttling.

    Only the server writes them (sudo, from the public route); rows older than a day are
    removed by Odoo's daily vacuum.
    """

    _name = "clinic.records.release.hit"
    _description = "Records Release Link Request"

    address = fields.Char(required=True, index=True)
    request_id = fields.Integer(string="Records Request")

    @api.model
    def _clinic_throttled(self, address, request_id):
        """Record this request and say whether the address is over its allowance."""
        since = fields.Datetime.now() - timedelta(minutes=RELEASE_WINDOW_MINUTES)
        count = self.search_count([("address", "=", address), ("create_date", ">=", since)])
        # The id comes from the URL: a garbage one is still a hit, of no request.
        known = request_id if isinstance(request_id, int) and 0 < request_id <= MAX_ID else 0
        self.create({"address": address or "-", "request_id": known})
        allowance = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_records_requests.release_hits_per_window", RELEASE_HITS)
        )
        return count >= allowance

    @api.autovacuum
    def _gc_old_hits(self):
        self.search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
