# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.fields import Domain


class CrmLead(models.Model):
    """Capacity matching: waitlisted patients and the practitioners who could serve
    them, by location, service time, language and credential."""

    _inherit = "crm.lead"

    clinic_required_role_id = fields.Many2one(
        "clinic.practitioner.role",
        string="Credential Needed",
        tracking=True,
        help="Patients: the credential of the practitioner they need (e.g. RBT).",
    )
    clinic_capacity_match_ids = fields.Many2many(
        "crm.lead",
        string="Capacity Matches",
        compute="_compute_clinic_capacity_match_ids",
        help="Practitioners: waitlisted patients they could serve. Waitlisted patients: "
        "completed practitioners who could serve them (location, time, language and "
        "credential).",
    )
    clinic_capacity_match_count = fields.Integer(compute="_compute_clinic_capacity_match_ids")

    def _compute_clinic_capacity_match_ids(self):
        for lead in self:
            matches = lead._clinic_capacity_matches() if lead.id else self.browse()
            lead.clinic_capacity_match_ids = matches
            lead.clinic_capacity_match_count = len(matches)

    def _clinic_capacity_matches(self):
        """Leads on the other side whose locations, times, languages and credential fit.

        Only practitioners and patients waiting for one take part: an orthodontic
        patient or an ABA family still in the authorization workflow has no match.
        """
        self.ensure_one()
        if self.clinic_lead_type == "practitioner":
            domain = Domain("clinic_lead_type", "=", "patient") & Domain(
                "clinic_waitlisted", "=", True
            )
            for field, values in (
                ("clinic_preferred_team_ids", self.clinic_preferred_team_ids),
                ("clinic_service_time_ids", self.clinic_service_time_ids),
                ("clinic_language_ids", self.clinic_language_ids),
                ("clinic_required_role_id", self._clinic_practitioner_roles()),
            ):
                # A patient who asks nothing of this kind fits any practitioner.
                domain &= Domain(field, "=", False) | Domain(field, "in", values.ids)
            return self._clinic_search_matches(domain)
        if not self.clinic_waitlisted:
            return self.browse()
        domain = Domain("clinic_lead_type", "=", "practitioner") & Domain("won_status", "=", "won")
        for field in (
            "clinic_preferred_team_ids",
            "clinic_service_time_ids",
            "clinic_language_ids",
        ):
            if self[field]:
                domain &= Domain(field, "in", self[field].ids)
        if self.clinic_required_role_id:
            role = self.clinic_required_role_id.id
            domain &= Domain("clinic_practitioner_role_id", "=", role) | Domain(
                "clinic_qualification_ids.role_id", "=", role
            )
        return self._clinic_search_matches(domain)

    def _clinic_search_matches(self, domain):
        # Languages need not be installed in Odoo to be spoken: search inactive res.lang
        # too, and keep archived leads out explicitly.
        return self.with_context(active_test=False).search(
            Domain("active", "=", True) & Domain("id", "!=", self.id) & domain
        )

    def _clinic_on_practitioner_completed(self):
        """Tell the intake team which waitlisted patients the new practitioner could serve."""
        res = super()._clinic_on_practitioner_completed()
        for lead in self:
            matches = lead._clinic_capacity_matches()
            if not matches:
                continue
            items = Markup("").join(Markup("<li>%s</li>") % match.display_name for match in matches)
            lead.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("Waitlisted patients this practitioner could serve:"),
                    items,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res

    def action_clinic_view_capacity_matches(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Capacity Matches"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("id", "in", self.clinic_capacity_match_ids.ids)],
            "context": {"create": False},
        }
