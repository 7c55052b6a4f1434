# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class ClinicFollowupStatusChange(models.TransientModel):
    """Change a lead's follow-up status with a note (and a date when the status needs one)."""

    _name = "clinic.followup.status.change"
    _description = "Change Follow-up Status"

    lead_ids = fields.Many2many("crm.lead", string="Leads", required=True)
    status_id = fields.Many2one("clinic.followup.status", string="New Status", required=True)
    requires_date = fields.Boolean(related="status_id.requires_date")
    followup_date = fields.Datetime(string="Follow up on")
    note = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "lead_ids" in fields_list and not values.get("lead_ids"):
            active_ids = self.env.context.get("active_ids") or []
            if self.env.context.get("active_model") == "crm.lead" and active_ids:
                values["lead_ids"] = [(6, 0, active_ids)]
        return values

    def action_apply(self):
        """Set the status on every lead, log the note, plan what the status asks for."""
        self.ensure_one()
        status = self.status_id
        if status.requires_date and not self.followup_date:
            raise UserError(
                self.env._(
                    "Follow up on: “%(status)s” needs the date and time to follow up.",
                    status=status.name,
                )
            )
        if not self.note.strip():
            raise UserError(self.env._("Note: say what happened."))
        to_disqualify = self.env["crm.lead"]
        for lead in self.lead_ids:
            # The lead's write runs the status rules (streak, activity, stage, first contact)
            # and logs the note, with the changes, as one message.
            lead.with_context(clinic_status_note=self.note).write(
                {
                    "clinic_followup_status_id": status.id,
                    "clinic_followup_date": self.followup_date,
                }
            )
            threshold = status.propose_disqualify_after
            if threshold and lead.clinic_followup_streak >= threshold:
                to_disqualify |= lead
        if to_disqualify:
            action = to_disqualify.action_clinic_disqualify()
            if status.lost_reason_id:
                action["context"] = dict(
                    action["context"], default_lost_reason_id=status.lost_reason_id.id
                )
            return action
        if status.opens_consult_scheduling and len(self.lead_ids) == 1:
            return self.lead_ids.action_clinic_schedule_consult()
        return True
