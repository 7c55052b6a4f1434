# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class UtmSource(models.Model):
    """How marketing sites name a source, and which sources the website form offers."""

    _inherit = "utm.source"

    clinic_external_key = fields.Char(
        string="External Key",
        copy=False,
        help="The id a marketing site sends as marketingSourceId (e.g. google-ads-spring).",
    )
    clinic_on_website_form = fields.Boolean(
        string="On Website Forms", help="Offered in “How did you hear about us?”."
    )

    _clinic_external_key_unique = models.UniqueIndex(
        "(clinic_external_key) WHERE clinic_external_key IS NOT NULL",
        "This external key is already used by another source.",
    )

    @api.model
    def _clinic_find_by_reference(self, reference):
        """The source a caller names by external key, or by id."""
        source = self.search([("clinic_external_key", "=", reference)], limit=1)
        if not source and reference.isascii() and reference.isdigit() and len(reference) < 10:
            source = self.search([("id", "=", int(reference))], limit=1)
        return source
