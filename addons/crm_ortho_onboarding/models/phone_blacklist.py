# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PhoneBlacklist(models.Model):
    """A family that texts STOP (or whose number staff block) is not called either."""

    _inherit = "phone.blacklist"

    def _add(self, numbers, message=None):
        records = super()._add(numbers, message=message)
        # sudo: blocking a number comes from the texting webhook or a user who may not
        # read every lead with that number; the leads' open calls go all the same.
        leads = self.env["crm.lead"].sudo().search([("phone_sanitized", "in", list(numbers))])
        leads._clinic_cancel_calls(self.env._("the family opted out of being contacted (STOP)."))
        return records
