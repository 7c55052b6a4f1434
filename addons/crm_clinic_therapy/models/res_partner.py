# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Conditions, coverages and authorizations are health data: the clinical roles and
# billing read them, Read Only does not (admins hold every role).
CLINICAL_READERS = (
    "crm_ortho_onboarding.group_clinic_doctor,"
    "crm_ortho_onboarding.group_clinic_clinical_staff,"
    "crm_ortho_onboarding.group_clinic_front_desk,"
    "crm_ortho_onboarding.group_clinic_treatment_coordinator,"
    "crm_ortho_onboarding.group_clinic_billing"
)


class ResPartner(models.Model):
    """Therapy side of a patient: conditions, coverages, where and when they can be seen."""

    _inherit = "res.partner"

    clinic_condition_ids = fields.One2many(
        "clinic.patient.condition", "patient_id", string="Conditions", groups=CLINICAL_READERS
    )
    clinic_coverage_ids = fields.One2many(
        "clinic.insurance.policy", "patient_id", string="Coverages", groups=CLINICAL_READERS
    )
    clinic_service_team_ids = fields.Many2many(
        "crm.team",
        "res_partner_clinic_service_team_rel",
        "partner_id",
        "team_id",
        string="Service Locations",
    )
    clinic_service_time_ids = fields.Many2many(
        "clinic.service.time",
        "res_partner_clinic_service_time_rel",
        "partner_id",
        "time_id",
        string="Preferred Service Times",
    )
    clinic_language_ids = fields.Many2many(
        "res.lang",
        "res_partner_clinic_language_rel",
        "partner_id",
        "lang_id",
        string="Languages",
        domain="[('active', 'in', (True, False))]",
        # Spoken languages need not be installed as Odoo languages.
        context={"active_test": False},
    )
    clinic_lead_file_ids = fields.Many2many(
        "ir.attachment",
        string="Opportunity Files",
        compute="_compute_clinic_lead_file_ids",
        help="Documents filed on this person's opportunities (Files tab).",
    )

    @api.depends("clinic_lead_ids.clinic_file_ids")
    def _compute_clinic_lead_file_ids(self):
        for partner in self:
            partner.clinic_lead_file_ids = partner.clinic_lead_ids.clinic_file_ids
