# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmStage(models.Model):
    """A pipeline stage can say which follow-up statuses move a lead into it."""

    _inherit = "crm.stage"

    clinic_followup_status_ids = fields.Many2many(
        "clinic.followup.status",
        string="Enter on Follow-up Status",
        help="A lead of this pipeline moves to this stage when its follow-up status becomes "
        "one of these (e.g. Appointment scheduled → Consultation Scheduled). Leads never move "
        "backwards this way.",
    )
    clinic_needs_application_sent = fields.Boolean(
        string="Needs Application Sent Date",
        help="Qualifying a patient lead into this stage needs the date the application was "
        "sent (Chorus: Application Pending).",
    )
