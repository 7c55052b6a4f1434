# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .res_partner_therapy import CLINICAL_READERS

# Lead field -> patient field: where and when the family can be seen lives on the patient.
PATIENT_SYNC_FIELDS = {
    "clinic_preferred_team_ids": "clinic_service_team_ids",
    "clinic_service_time_ids": "clinic_service_time_ids",
    "clinic_language_ids": "clinic_language_ids",
}


class CrmLead(models.Model):
    """Therapy (ABA) opportunity information, as Chorus organisations know it."""

    _inherit = "crm.lead"

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

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if "clinic_patient_id" in vals or set(vals) & set(PATIENT_SYNC_FIELDS):
            self.filtered("clinic_patient_id")._clinic_sync_patient_preferences()
        return res

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
