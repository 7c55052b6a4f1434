# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .clinic_intake_request import EMPTY_PROGRESS


class ClinicIntakeProgressMixin(models.AbstractModel):
    """Intake progress of a lead or a patient, counted from its intake requests.

    Consumers set ``_clinic_intake_link`` to the clinic.intake.request field that
    points at them (``lead_id`` or ``patient_id``).
    """

    _name = "clinic.intake.progress.mixin"
    _description = "Intake Progress"
    _clinic_intake_link = None

    clinic_intake_total = fields.Integer(
        string="Intake Forms", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_done = fields.Integer(
        string="Forms Done", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_missing = fields.Integer(
        string="Forms Missing", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_expired = fields.Integer(
        string="Forms to Renew", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_overdue = fields.Integer(
        string="Forms Overdue", compute="_compute_clinic_intake_progress"
    )
    clinic_intake_progress = fields.Float(
        string="Intake Complete (%)", compute="_compute_clinic_intake_progress"
    )

    def _compute_clinic_intake_progress(self):
        link = self._clinic_intake_link
        stats = self.env["clinic.intake.request"]._clinic_progress_by(
            link, [(link, "in", self.ids)]
        )
        for record in self:
            values = stats.get(record.id, EMPTY_PROGRESS)
            record.update({f"clinic_intake_{key}": value for key, value in values.items()})

    def action_clinic_view_intake_requests(self):
        self.ensure_one()
        link = self._clinic_intake_link
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_intake_forms.clinic_intake_request_action"
        )
        action.update(domain=[(link, "=", self.id)], context={f"default_{link}": self.id})
        return action
