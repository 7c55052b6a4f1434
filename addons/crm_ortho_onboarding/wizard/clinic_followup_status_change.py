# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

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
            streak = (
                lead.clinic_followup_streak + 1 if lead.clinic_followup_status_id == status else 1
            )
            values = {
                "clinic_followup_status_id": status.id,
                "clinic_followup_date": self.followup_date,
                "clinic_followup_streak": streak,
            }
            if not lead.clinic_first_contact_date and status.code != "pending_contact":
                # Any outcome of a contact attempt ends the speed-to-lead clock.
                values["clinic_first_contact_date"] = fields.Datetime.now()
            lead.write(values)
            lead._message_log(
                body=Markup("<b>%s</b><br/>%s") % (status.name, self.note),
            )
            self._schedule_activity(lead)
            threshold = status.propose_disqualify_after
            if threshold and streak >= threshold:
                to_disqualify |= lead
        if to_disqualify:
            action = to_disqualify.action_clinic_disqualify()
            if status.lost_reason_id:
                action["context"] = dict(
                    action["context"], default_lost_reason_id=status.lost_reason_id.id
                )
            return action
        return True

    def _schedule_activity(self, lead):
        status = self.status_id
        if not status.activity_type_id:
            return
        if self.followup_date:
            deadline = fields.Date.context_today(self, self.followup_date)
        else:
            deadline = fields.Date.context_today(self) + timedelta(days=status.activity_delay_days)
            if status.activity_skip_weekends:
                while deadline.weekday() >= 5:  # Saturday, Sunday
                    deadline += timedelta(days=1)
        lead.activity_schedule(
            activity_type_id=status.activity_type_id.id,
            date_deadline=deadline,
            summary=status.activity_summary or status.name,
            note=self.note,
            user_id=(lead.user_id or self.env.user).id,
        )
