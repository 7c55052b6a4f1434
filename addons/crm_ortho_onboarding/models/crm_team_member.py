# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmTeamMember(models.Model):
    """Coordinator of a clinic pipeline: whether Odoo's member can take a captured lead."""

    _inherit = "crm.team.member"

    def _clinic_has_capacity(self, pending=0):
        """Not paused, and below the 30-day capacity when one is set (``pending``: leads
        given to the member in this request and not saved yet)."""
        self.ensure_one()
        if self.assignment_optout or not self.user_id.active:
            return False
        return not self.assignment_max or self.lead_month_count + pending < self.assignment_max
