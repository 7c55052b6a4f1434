# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicApiKeyReveal(models.TransientModel):
    """Shows a freshly generated key once.

    The dialog is opened unsaved with the key in its context, so the clear key
    never reaches the database.
    """

    _name = "clinic.api.key.reveal"
    _description = "New API Key"

    api_key_id = fields.Many2one("clinic.api.key", readonly=True)
    key = fields.Char(readonly=True)

    def action_done(self):
        """Close the dialog and show the key's form in its new state (active, hint, date):
        the form behind the dialog still shows the key as it was before."""
        return {"type": "ir.actions.client", "tag": "soft_reload"}
