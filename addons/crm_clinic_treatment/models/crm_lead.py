# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    """The treatment plans presented on an opportunity."""

    _inherit = "crm.lead"

    clinic_treatment_plan_ids = fields.One2many(
        "clinic.treatment.plan", "lead_id", string="Treatment Plans"
    )
    clinic_treatment_plan_count = fields.Integer(
        string="Plans", compute="_compute_clinic_treatment_plan_count"
    )

    def _compute_clinic_treatment_plan_count(self):
        counts = dict(
            self.env["clinic.treatment.plan"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.clinic_treatment_plan_count = counts.get(lead, 0)

    def action_clinic_treatment_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_clinic_treatment.clinic_treatment_plan_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_patient_id": (self.clinic_patient_id or self.partner_id).id,
            "default_name": self.env._("Treatment plan – %s", self.name),
        }
        return action
