# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import fields, models


class CrmLead(models.Model):
    """Hesitation reason of a lead and the follow-up cadence it schedules."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    clinic_hesitation_reason_id = fields.Many2one(
        "clinic.hesitation.reason",
        string="Hesitation Reason",
        tracking=True,
        index="btree_not_null",
        help="Why the family did not start after the consultation; it schedules the "
        "reason's follow-up cadence for the lead's owner.",
    )
    clinic_hesitation_date = fields.Date(string="Hesitation Recorded", readonly=True, copy=False)

    def write(self, vals):
        lost_reason = vals.get("lost_reason_id")
        if lost_reason and "clinic_hesitation_reason_id" not in vals:
            reason = self.env["crm.lost.reason"].browse(lost_reason).clinic_hesitation_reason_id
            if reason:
                vals = dict(vals, clinic_hesitation_reason_id=reason.id)
        changed = self.filtered(
            lambda lead: (
                "clinic_hesitation_reason_id" in vals
                and lead.clinic_hesitation_reason_id.id != vals["clinic_hesitation_reason_id"]
            )
        )
        res = super().write(vals)
        if changed:
            changed._clinic_schedule_hesitation_cadence()
        return res

    def _clinic_schedule_hesitation_cadence(self):
        """Replace the open steps of a previous cadence with the new reason's steps."""
        today = fields.Date.context_today(self)
        activities = self.env["mail.activity"].sudo()
        activities.search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", self.ids),
                ("clinic_hesitation_step_id", "!=", False),
            ]
        ).unlink()
        for lead in self:
            lead.sudo().clinic_hesitation_date = (
                today if lead.clinic_hesitation_reason_id else False
            )
            owner = lead.user_id or lead.team_id.user_id or self.env.user
            for step in lead.clinic_hesitation_reason_id.step_ids:
                lead.sudo().activity_schedule(
                    activity_type_id=step.activity_type_id.id,
                    date_deadline=today + timedelta(days=step.day_offset),
                    summary=step.summary,
                    note=Markup(step._prepare_note()) if step._prepare_note() else "",
                    user_id=owner.id,
                    clinic_hesitation_step_id=step.id,
                )
            if lead.clinic_hesitation_reason_id:
                lead._message_log(
                    body=Markup("<p>%s</p>")
                    % escape(
                        self.env._(
                            "Follow-up cadence for “%(reason)s”: %(count)s steps scheduled.",
                            reason=lead.clinic_hesitation_reason_id.name,
                            count=len(lead.clinic_hesitation_reason_id.step_ids),
                        )
                    )
                )
