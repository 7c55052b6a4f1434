# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    clinic_records_request_ids = fields.One2many(
        "clinic.records.request", "patient_id", string="Medical Records Requests"
    )
    clinic_records_request_count = fields.Integer(
        string="Records Requests", compute="_compute_clinic_records_request_count"
    )

    def _compute_clinic_records_request_count(self):
        data = self.env["clinic.records.request"]._read_group(
            [("patient_id", "in", self.ids)], ["patient_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.clinic_records_request_count = counts.get(partner.id, 0)

    def action_clinic_records_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_records_requests.clinic_records_request_action"
        )
        action["domain"] = [("patient_id", "=", self.id)]
        action["context"] = {"default_patient_id": self.id}
        return action

    def action_clinic_request_previous_records(self):
        """Open a new outgoing request for this patient's previous records."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "clinic.records.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_direction": "outgoing",
                "default_patient_id": self.id,
                "default_purpose_category": "continuity_of_care",
            },
        }
