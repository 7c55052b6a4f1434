# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    clinic_records_request_ids = fields.One2many(
        "clinic.records.request", "lead_id", string="Medical Records Requests"
    )
    clinic_records_request_count = fields.Integer(
        string="Records Requests", compute="_compute_clinic_records_request_count"
    )

    def _compute_clinic_records_request_count(self):
        data = self.env["clinic.records.request"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
        )
        counts = {lead.id: count for lead, count in data}
        for lead in self:
            lead.clinic_records_request_count = counts.get(lead.id, 0)

    def action_clinic_request_previous_records(self):
        """Open a new outgoing request to the patient's previous provider."""
        self.ensure_one()
        if not self.clinic_patient_id:
            raise UserError(
                self.env._("Link or convert this lead to a patient before requesting records.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "clinic.records.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_direction": "outgoing",
                "default_patient_id": self.clinic_patient_id.id,
                "default_lead_id": self.id,
                "default_purpose_category": "continuity_of_care",
                "default_company_id": (self.company_id or self.env.company).id,
            },
        }

    def action_clinic_records_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_records_requests.clinic_records_request_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        return action
