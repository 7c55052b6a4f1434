# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

COMPLETED_STAGE = "crm_clinic_recruiting.crm_stage_clinic_practitioner_completed"


class CrmLead(models.Model):
    """Practitioner recruiting on the lead: interview, references, credentials, and
    the rule that an applicant is hired (Completed) on a qualification."""

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

    @api.onchange("clinic_qualification_ids")
    def _onchange_clinic_qualification_ids(self):
        if self.clinic_qualification_id not in self.clinic_qualification_ids:
            self.clinic_qualification_id = False

    def write(self, vals):
        completing = self._clinic_check_completion(vals)
        res = super().write(vals)
        if completing:
            completing._clinic_on_practitioner_completed()
        return res

    def _clinic_check_completion(self, vals):
        """Role Pending → Completed needs the qualification the practitioner is hired on."""
        if not vals.get("stage_id"):
            return self.browse()
        completed = self.env.ref(COMPLETED_STAGE, raise_if_not_found=False)
        if not completed or vals["stage_id"] != completed.id:
            return self.browse()
        completing = self.filtered(
            lambda lead: lead.clinic_lead_type == "practitioner" and lead.stage_id != completed
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
        return completing

    def _clinic_on_practitioner_completed(self):
        """A practitioner reached Completed: the opportunity is won (hired)."""
        for lead in self:
            if lead.won_status != "won":
                lead.action_set_won()

    def _clinic_practitioner_roles(self):
        """The credentials a practitioner can work under: unexpired qualifications and
        the role applied for."""
        self.ensure_one()
        return (
            self.clinic_qualification_ids.filtered(lambda q: q.expiry_state != "expired").role_id
            | self.clinic_practitioner_role_id
        )

    def action_clinic_candidate_review(self):
        """Interview done: the candidate goes to review before an offer."""
        self.write({"clinic_lead_stage": "candidate_review"})
        return True
