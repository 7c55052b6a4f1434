# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    """Records requests made before the checklist started count as done items."""

    _inherit = "crm.lead"

    def _clinic_checklist_past_events(self):
        result = super()._clinic_checklist_past_events()
        requests = self._clinic_documents_by_lead(
            "clinic.records.request",
            [("direction", "=", "outgoing"), ("state", "in", ("requested", "completed"))],
        )
        for lead in self:
            mine = requests[lead.id]
            if mine:
                result[lead.id].add("records_requested")
            if mine.filtered(lambda r: r.state == "completed"):
                result[lead.id].add("records_received")
        return result
