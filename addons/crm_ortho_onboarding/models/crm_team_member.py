# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmTeamMember(models.Model):
    """Coordinator of a clinic pipeline; Odoo's member, with the round-robin position."""

    _inherit = "crm.team.member"

    clinic_last_assigned = fields.Datetime(
        string="Last Assigned",
        readonly=True,
        copy=False,
        help="When this member last got a new web/API lead: the longest-waiting member is next.",
    )

    clinic_assign_turn = fields.Integer(
        string="Round-robin Turn", readonly=True, copy=False,
        help="Increases each time the member gets a captured lead; the lowest goes next.",
    )  # fmt: skip

    def _clinic_has_capacity(self):
        """Not paused, and below the 30-day capacity when one is set."""
        self.ensure_one()
        if self.assignment_optout or not self.user_id.active:
            return False
        return not self.assignment_max or self.lead_month_count < self.assignment_max
