# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

COMPLETED_STAGE = "crm_clinic_recruiting.crm_stage_clinic_practitioner_completed"
# Each step of the application (Chorus: Sent → Pending Review → Approved) and its date.
APPLICATION_STEP_DATES = {
    "sent": "clinic_application_sent_date",
    "pending_review": "clinic_application_review_date",
    "approved": "clinic_application_approved_date",
}


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
    clinic_interview_held = fields.Boolean(
        string="Interview Held",
        tracking=True,
        help="The interview took place: the applicant moves to Candidate Review.",
    )
    # The application, as Chorus tracks it; the sent date is the core's.
    clinic_recruiting_application_state = fields.Selection(
        [("sent", "Sent"), ("pending_review", "Pending Review"), ("approved", "Approved")],
        string="Application",
        tracking=True,
        help="Each step records its date (today unless entered).",
    )
    clinic_application_review_date = fields.Date(string="Review Started", tracking=True)
    clinic_application_approved_date = fields.Date(string="Application Approved", tracking=True)
    # Proposed Employment, on the opportunity.
    clinic_proposed_role_id = fields.Many2one(
        "clinic.practitioner.role", string="Proposed Role", tracking=True
    )
    clinic_proposed_hours = fields.Float(string="Proposed Hours per Week", tracking=True)
    clinic_proposed_start_date = fields.Date(string="Proposed Start Date", tracking=True)
    clinic_proposed_pay_type = fields.Selection(
        [
            ("hourly", "Hourly"),
            ("salary", "Salary"),
            ("per_session", "Per session"),
            ("contract", "Contractor"),
        ],
        string="Pay Type",
        tracking=True,
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        for lead, vals in zip(leads, vals_list, strict=True):
            lead._clinic_recruiting_follow(vals)
        return leads

    def write(self, vals):
        completing = self._clinic_check_completion(vals)
        res = super().write(vals)
        if completing:
            completing._clinic_on_practitioner_completed()
        if {"clinic_recruiting_application_state", "clinic_interview_date"} & set(vals) or vals.get(
            "clinic_interview_held"
        ):
            self._clinic_recruiting_follow(vals)
        return res

    def _clinic_recruiting_follow(self, vals):
        """What the applicant's own steps imply, as in the Chorus flow: an application
        step dates itself (and the steps before it); an interview date moves a prospect
        to Interview Pending, an interview held moves it to Candidate Review."""
        today = fields.Date.context_today(self)
        for lead in self.filtered(lambda lead: lead.clinic_lead_type == "practitioner"):
            updates = {}
            state = lead.clinic_recruiting_application_state
            if state and "clinic_recruiting_application_state" in vals:
                for step, date_field in APPLICATION_STEP_DATES.items():
                    if not lead[date_field]:
                        updates[date_field] = today
                    if step == state:
                        break
            if lead.type == "lead":
                stage = lead.clinic_lead_stage
                if lead.clinic_interview_held and stage != "candidate_review":
                    updates["clinic_lead_stage"] = "candidate_review"
                elif lead.clinic_interview_date and stage in ("prospect", "application_pending"):
                    updates["clinic_lead_stage"] = "interview_pending"
            if updates:
                # None of these keys triggers this method again (see write).
                lead.write(updates)

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

    def _clinic_stage_blocked(self, stage):
        """A follow-up status never moves an applicant to Completed without the
        qualification they are hired on."""
        blocked = super()._clinic_stage_blocked(stage)
        if blocked or self.clinic_lead_type != "practitioner" or self.clinic_qualification_id:
            return blocked
        if stage == self.env.ref(COMPLETED_STAGE, raise_if_not_found=False):
            return self.env._("no qualification is selected for the role")
        return False

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
