# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_partner import CLINICAL_READERS

# Lead field -> patient field: where and when the family can be seen lives on the patient.
PATIENT_SYNC_FIELDS = {
    "clinic_preferred_team_ids": "clinic_service_team_ids",
    "clinic_service_time_ids": "clinic_service_time_ids",
    "clinic_language_ids": "clinic_language_ids",
}

# Workflow step -> ABA pipeline stage (data/crm_team_data.xml).
_ABA_STAGE = "crm_clinic_therapy.crm_stage_clinic_aba_"
STEP_STAGES = {
    "assessment_authorization": _ABA_STAGE + "assessment_authorization",
    "assessment": _ABA_STAGE + "assessment",
    "assessment_review": _ABA_STAGE + "assessment_review",
    "service_authorization": _ABA_STAGE + "service_authorization",
}
# The workflow's steps in order: a card may enter a step's stage once it reached it.
STEP_ORDER = [
    "assessment_authorization",
    "assessment",
    "assessment_review",
    "service_authorization",
    "done",
]


class CrmLead(models.Model):
    """ABA therapy on the lead: Chorus-style patient opportunity information, the
    patient's conditions and coverages, and the authorization workflow.

    assessment authorization requested → approved → assessment done → review
    (recommended hours) → service authorization requested → approved: won.
    The step is derived from the authorizations and the assessment fields, and
    the pipeline stage follows it, so staff never move the card by hand.
    """

    _inherit = "crm.lead"

    clinic_is_aba = fields.Boolean(
        string="ABA Patient",
        compute="_compute_clinic_is_aba",
        help="A patient lead of an ABA pipeline: the therapy tabs show on it.",
    )
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
    # Authorization workflow.
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

    @api.depends("clinic_lead_type", "team_id.clinic_pipeline_type")
    def _compute_clinic_is_aba(self):
        for lead in self:
            lead.clinic_is_aba = (
                lead.clinic_lead_type == "patient" and lead.team_id.clinic_pipeline_type == "aba"
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
    # CRUD: sync the patient, start the authorization workflow
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
        leads._clinic_start_authorization_workflow()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if "clinic_patient_id" in vals or set(vals) & set(PATIENT_SYNC_FIELDS):
            self.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
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

    # ------------------------------------------------------------------
    # Authorization workflow
    # ------------------------------------------------------------------

    def _clinic_is_aba_opportunity(self):
        self.ensure_one()
        return self.type == "opportunity" and self.clinic_is_aba

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

    @api.model
    def _clinic_aba_stage_steps(self):
        """{ABA stage id: workflow step a card must have reached to enter it}."""
        steps = {}
        for step, xmlid in [*STEP_STAGES.items(), ("done", _ABA_STAGE + "completed")]:
            stage_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            if stage_id:
                steps[stage_id] = step
        return steps

    def _clinic_aba_stage_gate(self, stage):
        """Why this ABA card may not be in ``stage`` yet (its authorization workflow has
        not reached it), or False."""
        self.ensure_one()
        required = self._clinic_aba_stage_steps().get(stage.id)
        if not required or not self._clinic_is_aba_opportunity():
            return False
        step = self._clinic_authorization_step()
        reached = STEP_ORDER.index(step) if step else -1
        if reached < STEP_ORDER.index(required):
            reasons = {
                "assessment_authorization": self.env._(
                    "the assessment authorization is not requested yet"
                ),
                "assessment": self.env._("the assessment authorization is not approved"),
                "assessment_review": self.env._("the assessment is not done"),
                "service_authorization": self.env._(
                    "the service authorization is not requested yet"
                ),
                "done": self.env._("the service authorization is not approved"),
            }
            return reasons[STEP_ORDER[reached + 1]]
        if (
            required == "assessment_authorization"
            and self.clinic_patient_application_status != "approved"
        ):
            return self.env._("the family's intake application is not approved")
        return False

    def _clinic_stage_blocked(self, stage):
        """ABA stages follow the authorization workflow: a follow-up status (a consult
        booked, an appointment scheduled) never moves a card past its authorizations."""
        return super()._clinic_stage_blocked(stage) or self._clinic_aba_stage_gate(stage)

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
