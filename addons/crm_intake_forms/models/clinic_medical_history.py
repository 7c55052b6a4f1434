# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicMedicalHistory(models.Model):
    """A patient's medical history as answered on an intake form (one per submission).

    The newest record is the one clinicians act on (allergy and premedication
    alerts); older ones stay as the history of what the patient declared.
    """

    _name = "clinic.medical.history"
    _description = "Medical History"
    _inherit = ["mail.thread"]
    _order = "date_recorded desc, id desc"
    _rec_name = "patient_id"

    patient_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", tracking=True
    )
    request_id = fields.Many2one("clinic.intake.request", string="Intake Request", index=True)
    company_id = fields.Many2one(
        "res.company", related="patient_id.company_id", store=True, index=True
    )
    date_recorded = fields.Datetime(
        string="Last Updated", default=fields.Datetime.now, required=True, tracking=True
    )
    conditions = fields.Text(tracking=True)
    medications = fields.Text(tracking=True)
    allergies = fields.Text(tracking=True)
    premedication_required = fields.Boolean(
        string="Premedication Needed",
        tracking=True,
        help="The patient must take antibiotics (or other premedication) before treatment.",
    )
    notes = fields.Text(tracking=True)
