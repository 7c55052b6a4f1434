# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

COMPLETED_STAGE = "crm_ortho_onboarding.crm_stage_clinic_practitioner_completed"


class CrmLead(models.Model):
    """Practitioner recruiting, and capacity matching between practitioners and patients."""

    _inherit = "crm.lead"

    clinic_lead_stage = fields.Selection(
        selection_add=[
            ("interview_pending", "Interview Pending"),
            ("candidate_review", "Candidate Review"),
        ],
        ondelete={"interview_pending": "set default", "candidate_review": "set default"},
    )
    clinic_interview_notes = fields.Text(string="Interview Notes")
    clinic_references = fields.Text(string="References")
    clinic_reference_notes = fields.Text(string="Reference Notes")
    clinic_patient_gender_preference = fields.Selection(
        [("any", "No preference"), ("female", "Female patients"), ("male", "Male patients")],
        string="Patient Gender Preference",
    )
    clinic_cultural_background = fields.Char(string="Cultural Background")
    clinic_qualification_ids = fields.One2many(
        "clinic.practitioner.qualification", "lead_id", string="Qualifications"
    )
    clinic_qualification_id = fields.Many2one(
        "clinic.practitioner.qualification",
        string="Qualification for the Role",
        domain="[('lead_id', '=', id)]",
        tracking=True,
        help="The credential the practitioner is hired on; needed to complete the opportunity.",
    )
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
        help="Practitioners: waitlisted patients they could serve. Patients: completed "
        "practitioners who could serve them (location, time, language and credential).",
    )
    clinic_capacity_match_count = fields.Integer(compute="_compute_clinic_capacity_match_ids")

    def _compute_clinic_capacity_match_ids(self):
        for lead in self:
            matches = lead._clinic_capacity_matches() if lead.id else self.browse()
            lead.clinic_capacity_match_ids = matches
            lead.clinic_capacity_match_count = len(matches)

    def _clinic_practitioner_roles(self):
        self.ensure_one()
        return self.clinic_qualification_ids.filtered(
            lambda q: q.expiry_state != "expired"
        ).role_id | self.clinic_practitioner_role_id

    def _clinic_capacity_matches(self):
        """Leads on the other side whose locations, times, languages and credential fit."""
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
        domain = Domain("clinic_lead_type", "=", "practitioner") & Domain("won_status", "=", "won")
        for field in ("clinic_preferred_team_ids", "clinic_service_time_ids", "clinic_language_ids"):
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

    @api.onchange("clinic_qualification_ids")
    def _onchange_clinic_qualification_ids(self):
        if self.clinic_qualification_id not in self.clinic_qualification_ids:
            self.clinic_qualification_id = False

    def write(self, vals):
        completing = self.browse()
        if vals.get("stage_id"):
            completed = self.env.ref(COMPLETED_STAGE, raise_if_not_found=False)
            if completed and vals["stage_id"] == completed.id:
                completing = self.filtered(
                    lambda lead: lead.clinic_lead_type == "practitioner"
                    and lead.stage_id != completed
                )
                missing = completing.filtered(
                    lambda lead: not vals.get("clinic_qualification_id", lead.clinic_qualification_id)
                )
                if missing:
                    raise UserError(
                        self.env._(
                            "%(name)s cannot be completed: select the qualification the "
                            "practitioner is hired on (Recruiting tab) first.",
                            name=missing[0].display_name,
                        )
                    )
        res = super().write(vals)
        if completing:
            completing._clinic_on_practitioner_completed()
        return res

    def _clinic_on_practitioner_completed(self):
        """Tell the intake team which waitlisted patients the new practitioner could serve."""
        for lead in self:
            if lead.won_status != "won":
                lead.action_set_won()
            matches = lead._clinic_capacity_matches()
            if not matches:
                continue
            items = Markup("").join(
                Markup("<li>%s</li>") % match.display_name for match in matches
            )
            lead.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("Waitlisted patients this practitioner could serve:"),
                    items,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_clinic_candidate_review(self):
        """Interview done: the candidate goes to review before an offer."""
        self.write({"clinic_lead_stage": "candidate_review"})
        return True

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
