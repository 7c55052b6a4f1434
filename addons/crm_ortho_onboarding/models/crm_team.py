# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import fields, models


class CrmTeam(models.Model):
    """A clinic pipeline (and location): orthodontic, ABA patients or recruiting."""

    _inherit = "crm.team"

    clinic_pipeline_type = fields.Selection(
        [
            ("ortho", "Orthodontic new patients"),
            ("aba", "ABA patients"),
            ("practitioner", "Practitioner recruiting"),
        ],
        string="Clinic Pipeline",
        help="What kind of leads this pipeline works; new leads created in it default to it.",
    )

    clinic_service_zip_prefixes = fields.Char(
        string="Service Area ZIP Codes",
        help="Comma-separated ZIP codes or prefixes this location serves (e.g. 606, 60714). "
        "Leads with another ZIP are out of area. Empty: no limit.",
    )

    def _clinic_zip_in_area(self, zip_code):
        self.ensure_one()
        prefixes = [p.strip() for p in (self.clinic_service_zip_prefixes or "").split(",")]
        prefixes = [p for p in prefixes if p]
        if not prefixes or not zip_code:
            return True
        return any(zip_code.strip().startswith(p) for p in prefixes)

    def _clinic_next_member(self, lead, pending=None):
        """The member who should get ``lead`` now (round robin with capacity).

        ``pending``: {member id: leads given to that member earlier in the same
        request and not saved yet}, counted like saved ones. Members whose assignment
        domain (Odoo's, on the member) excludes the lead are skipped, like Odoo's
        scheduled assignment does.
        """
        if not self:
            return self.env["crm.team.member"]
        self.ensure_one()
        pending = pending or {}
        # Leads assigned earlier in the same request count against capacity.
        self.crm_team_member_ids.invalidate_recordset(["lead_month_count"])
        members = self.crm_team_member_ids.filtered(
            lambda m: (
                m._clinic_has_capacity(pending.get(m.id, 0))
                and (
                    not m.assignment_domain
                    or lead.filtered_domain(literal_eval(m.assignment_domain))
                )
            )
        )
        if not members:
            return members
        # Fewest leads in the last 30 days first (Odoo's own count); id breaks ties.
        return members.sorted(key=lambda m: (m.lead_month_count + pending.get(m.id, 0), m.id))[:1]
