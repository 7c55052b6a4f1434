# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .res_partner_therapy import CLINICAL_READERS

# Lead field -> patient field: where and when the family can be seen lives on the patient.
PATIENT_SYNC_FIELDS = {
    "clinic_preferred_team_ids": "clinic_service_team_ids",
    "clinic_service_time_ids": "clinic_service_time_ids",
    "clinic_language_ids": "clinic_language_ids",
}

# Workflow step -> ABA pipeline stage (data/crm_team_data.xml).
_ABA_STAGE = "crm_ortho_onboarding.crm_stage_clinic_aba_"
STEP_STAGES = {
    "assessment_authorization": _ABA_STAGE + "assessment_authorization",
    "assessment": _ABA_STAGE + "assessment",
    "assessment_review": _ABA_STAGE + "assessment_review",
    "service_authorization": _ABA_STAGE + "service_authorization",
}

COMPLETED_STAGE = "crm_ortho_onboarding.crm_stage_clinic_practitioner_completed"


class CrmLead(models.Model):
    """Therapy organisations on the lead: Chorus-style patient opportunity information,
    the ABA authorization workflow, practitioner recruiting and capacity matching.

    Authorization workflow: The ABA authorization workflow on the patient opportunity.

    assessment authorization requested → approved → assessment done → review
    (recommended hours) → service authorization requested → approved: won.
    The step is derived from the authorizations and the assessment fields, and
    the pipeline stage follows it, so staff never move the card by hand.
    """

    # One class for all therapy features (pylint-odoo: consider-merging-classes-inherited).
    _name = "crm.lead"
    _inherit = ["crm.lead"]

    clinic_patient_status = fields.Selection(
        [("new", "New patient"), ("returning", "Returning patient")],
        string="Patient Status",
        compute="_compute_clinic_patient_status",
        store=True,
        readonly=False,
        tracking=True,
    )
    clinic_related_contact_id = fields.Many2one(
        "res.partner",
        string="Primary Related Contact",
        tracking=True,
        help="The parent or guardian the clinic deals with; “Relation to Patient” says how.",
    )
    clinic_current_situation = fields.Text(string="Current Situation")
    clinic_client_need = fields.Text(string="Client Need")
    clinic_proposed_services = fields.Text(string="Proposed Services")
    clinic_service_time_ids = fields.Many2many(
        "clinic.service.time",
        "crm_lead_clinic_service_time_rel",
        "lead_id",
        "time_id",
        string="Service Times",
    )
    clinic_language_ids = fields.Many2many(
        "res.lang",
        "crm_lead_clinic_language_rel",
        "lead_id",
        "lang_id",
        string="Languages",
        domain="[('active', 'in', (True, False))]",
        # Spoken languages need not be installed as Odoo languages.
        context={"active_test": False},
    )
    # Conditions and coverages belong to the patient; the opportunity edits them in place.
    clinic_condition_ids = fields.One2many(
        related="clinic_patient_id.clinic_condition_ids",
        readonly=False,
        groups=CLINICAL_READERS,
    )
    clinic_coverage_ids = fields.One2many(
        related="clinic_patient_id.clinic_coverage_ids",
        readonly=False,
        groups=CLINICAL_READERS,
    )
    # Application tracking (the family's intake application, not a job application).
    clinic_patient_application_status = fields.Selection(
        [
            ("sent", "Sent"),
            ("pending_review", "Pending Review"),
            ("approved", "Approved"),
            ("pending_revisions", "Pending Parent Revisions"),
        ],
        string="Intake Application",
        tracking=True,
    )
    clinic_application_received_date = fields.Date(string="Application Received", tracking=True)
    clinic_insurance_card_received = fields.Boolean(string="Insurance Card Received", tracking=True)
    clinic_file_ids = fields.Many2many(
        "ir.attachment",
        "crm_lead_clinic_file_rel",
        "lead_id",
        "attachment_id",
        string="Files",
        help="Application, diagnosis report, insurance card… also listed on the patient.",
    )

    @api.depends("clinic_is_existing_patient")
    def _compute_clinic_patient_status(self):
        for lead in self:
            lead.clinic_patient_status = "returning" if lead.clinic_is_existing_patient else "new"

    def _clinic_sync_patient_preferences(self):
        """Copy service locations, times and languages to the patient record."""
        for lead in self:
            values = {
                partner_field: [fields.Command.set(lead[lead_field].ids)]
                for lead_field, partner_field in PATIENT_SYNC_FIELDS.items()
                if lead[lead_field]
            }
            if values:
                lead.clinic_patient_id.write(values)

    # ------------------------------------------------------------------
    # CRUD: sync the patient, start the authorization workflow, guard completion
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
        leads._clinic_start_authorization_workflow()
        return leads

    def write(self, vals):
        completing = self._clinic_check_completion(vals)
        res = super().write(vals)
        if "clinic_patient_id" in vals or set(vals) & set(PATIENT_SYNC_FIELDS):
            self.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
        if completing:
            completing._clinic_on_practitioner_completed()
        if not self.env.context.get("clinic_authorization_sync"):
            if {"type", "team_id", "clinic_lead_type"} & set(vals):
                self._clinic_start_authorization_workflow()
            if {
                "clinic_assessment_done",
                "clinic_recommended_hours",
                "clinic_patient_application_status",
            } & set(vals):
                self._clinic_sync_authorization_stage()
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

    # Authorization workflow
    clinic_authorization_ids = fields.One2many(
        "clinic.authorization", "lead_id", string="Authorizations", groups=CLINICAL_READERS
    )
    clinic_assessment_date = fields.Datetime(string="Assessment Scheduled", tracking=True)
    clinic_assessment_done = fields.Boolean(string="Assessment Done", tracking=True)
    clinic_recommended_hours = fields.Float(
        string="Recommended Hours/Week",
        tracking=True,
        help="Hours of therapy per week recommended by the assessment review.",
    )
    clinic_authorization_step = fields.Selection(
        [
            ("assessment_authorization", "Assessment Authorization"),
            ("assessment", "Assessment"),
            ("assessment_review", "Assessment Review"),
            ("service_authorization", "Service Authorization"),
            ("done", "Authorized"),
        ],
        string="Authorization Step",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    clinic_waitlisted = fields.Boolean(
        string="Waiting for a Practitioner",
        tracking=True,
        help="Authorized (or otherwise ready) and waiting for a practitioner with capacity.",
    )

    def _clinic_is_aba_opportunity(self):
        self.ensure_one()
        return (
            self.type == "opportunity"
            and self.clinic_lead_type == "patient"
            and self.team_id.clinic_pipeline_type == "aba"
        )

    def _clinic_start_authorization_workflow(self):
        """Saving an ABA patient opportunity requests its assessment authorization."""
        Authorization = self.env["clinic.authorization"].sudo()
        for lead in self:
            if not lead.active or not lead._clinic_is_aba_opportunity():
                continue
            if Authorization.search_count([("lead_id", "=", lead.id)], limit=1):
                continue
            # sudo: front desk may save the opportunity; the request is part of saving it.
            coverage = lead.clinic_patient_id.sudo().clinic_coverage_ids[:1]
            values = {"lead_id": lead.id, "kind": "assessment", "coverage_id": coverage.id}
            if not coverage:
                values["payer"] = lead.clinic_insurance_carrier
            Authorization.create(values)

    def _clinic_authorization_step(self):
        """Where the workflow stands, from the authorizations and the assessment."""
        self.ensure_one()
        authorizations = self.sudo().clinic_authorization_ids
        assessment = authorizations.filtered(lambda a: a.kind == "assessment")
        service = authorizations.filtered(lambda a: a.kind == "service")
        if not authorizations:
            return False
        if "approved" not in assessment.mapped("state"):
            return "assessment_authorization"
        if not self.clinic_assessment_done:
            return "assessment"
        if not self.clinic_recommended_hours or not service:
            return "assessment_review"
        if "approved" not in service.mapped("state"):
            return "service_authorization"
        return "done"

    def _clinic_sync_authorization_stage(self):
        """Move the card to the stage of its step; win it once services are authorized."""
        for lead in self.with_context(clinic_authorization_sync=True):
            if not lead._clinic_is_aba_opportunity():
                continue
            step = lead._clinic_authorization_step()
            if step == "done":
                if lead.clinic_authorization_step != "done":
                    lead.write({"clinic_authorization_step": step, "clinic_waitlisted": True})
                if lead.won_status != "won":
                    lead.action_set_won()
                continue
            values = {}
            if step != lead.clinic_authorization_step:
                values["clinic_authorization_step"] = step
            stage = self.env.ref(STEP_STAGES[step], raise_if_not_found=False) if step else None
            if lead._clinic_should_enter(stage, step):
                values["stage_id"] = stage.id
            if values:
                lead.write(values)

    def _clinic_should_enter(self, stage, step):
        """Cards only move forward, and into Assessment Authorization once the family's
        application is approved (before that the request is only prepared)."""
        self.ensure_one()
        if not stage or self.team_id not in stage.team_ids:
            return False
        if stage.sequence <= self.stage_id.sequence:
            return False
        return step != "assessment_authorization" or (
            self.clinic_patient_application_status == "approved"
        )

    def action_clinic_request_service_authorization(self):
        """After the review: ask the payer for the recommended hours of therapy."""
        self.ensure_one()
        if not self.clinic_assessment_done:
            raise UserError(self.env._("Record the assessment as done first."))
        if self.clinic_recommended_hours <= 0:
            raise UserError(
                self.env._("Enter the hours per week recommended by the assessment review.")
            )
        assessment = self.clinic_authorization_ids.filtered(
            lambda a: a.kind == "assessment" and a.state == "approved"
        )[:1]
        self.env["clinic.authorization"].create(
            {
                "lead_id": self.id,
                "kind": "service",
                "coverage_id": assessment.coverage_id.id,
                "payer": assessment.payer,
                "recommended_hours": self.clinic_recommended_hours,
            }
        )
        return True

    # Practitioner recruiting and capacity matching
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
        return (
            self.clinic_qualification_ids.filtered(lambda q: q.expiry_state != "expired").role_id
            | self.clinic_practitioner_role_id
        )

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

    @api.onchange("clinic_qualification_ids")
    def _onchange_clinic_qualification_ids(self):
        if self.clinic_qualification_id not in self.clinic_qualification_ids:
            self.clinic_qualification_id = False

    def _clinic_on_practitioner_completed(self):
        """Tell the intake team which waitlisted patients the new practitioner could serve."""
        for lead in self:
            if lead.won_status != "won":
                lead.action_set_won()
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
