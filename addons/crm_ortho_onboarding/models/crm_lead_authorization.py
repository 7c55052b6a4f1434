# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_partner_therapy import CLINICAL_READERS

# Workflow step -> ABA pipeline stage (data/crm_team_data.xml).
STEP_STAGES = {
    "assessment_authorization": "crm_ortho_onboarding.crm_stage_clinic_aba_assessment_authorization",
    "assessment": "crm_ortho_onboarding.crm_stage_clinic_aba_assessment",
    "assessment_review": "crm_ortho_onboarding.crm_stage_clinic_aba_assessment_review",
    "service_authorization": "crm_ortho_onboarding.crm_stage_clinic_aba_service_authorization",
}


class CrmLead(models.Model):
    """The ABA authorization workflow on the patient opportunity.

    assessment authorization requested → approved → assessment done → review
    (recommended hours) → service authorization requested → approved: won.
    The step is derived from the authorizations and the assessment fields, and
    the pipeline stage follows it, so staff never move the card by hand.
    """

    _inherit = "crm.lead"

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

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._clinic_start_authorization_workflow()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if self.env.context.get("clinic_authorization_sync"):
            return res
        if {"type", "team_id", "clinic_lead_type"} & set(vals):
            self._clinic_start_authorization_workflow()
        if {"clinic_assessment_done", "clinic_recommended_hours"} & set(vals):
            self._clinic_sync_authorization_stage()
        return res

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
            if step == lead.clinic_authorization_step:
                continue
            if step == "done":
                lead.write({"clinic_authorization_step": step, "clinic_waitlisted": True})
                if lead.won_status != "won":
                    lead.action_set_won()
                continue
            values = {"clinic_authorization_step": step}
            stage = self.env.ref(STEP_STAGES[step], raise_if_not_found=False) if step else None
            if stage and lead.team_id in stage.team_ids:
                values["stage_id"] = stage.id
            lead.write(values)

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
