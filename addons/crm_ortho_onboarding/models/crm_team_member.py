# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmTeamMember(models.Model):
    """Coordinator of a clinic pipeline: whether Odoo's member can take a captured lead."""

    _inherit = "crm.team.member"

    # The location record rules ask whether a user belongs to any team; Odoo caches a
    # rule's domain per user, so a membership that starts or ends must drop that cache
    # or a newly placed coordinator keeps seeing every location until a restart.
    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env.registry.clear_cache()
        return members

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "active", "crm_team_id"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def _clinic_has_capacity(self, pending=0):
        """Not paused, and below the 30-day capacity when one is set (``pending``: leads
        given to the member in this request and not saved yet)."""
        self.ensure_one()
        if self.assignment_optout or not self.user_id.active:
            return False
        return not self.assignment_max or self.lead_month_count + pending < self.assignment_max
