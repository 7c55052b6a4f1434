# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .clinic_checklist_template_line import CHECKLIST_EVENTS, CHECKLIST_PHASES


class ClinicChecklistLine(models.Model):
    """One onboarding item of one patient opportunity, copied from the template.

    Lines are copies so that editing the template never rewrites the history of
    patients already on their way; ticking a line is logged on the lead.
    """

    _name = "clinic.checklist.line"
    _description = "Onboarding Checklist Item"
    # The to-do of an item lives on the item, not on the lead: the lead's own
    # activities drive its follow-up status and must not fill up with checklist work.
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "lead_id, phase_sequence, sequence, id"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    template_line_id = fields.Many2one("clinic.checklist.template.line", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    phase = fields.Selection(CHECKLIST_PHASES, required=True, default="pre_consult")
    phase_sequence = fields.Integer(compute="_compute_phase_sequence", store=True)
    group_id = fields.Many2one("res.groups", string="Responsible Role")
    date_due = fields.Date(string="Due")
    is_required = fields.Boolean(string="Required", default=True)
    event_code = fields.Selection(CHECKLIST_EVENTS, string="Ticked By")
    create_activity = fields.Boolean(string="Schedule Activity")
    is_done = fields.Boolean(string="Done", index=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    done_by_id = fields.Many2one("res.users", readonly=True)
    done_note = fields.Char(string="How", readonly=True)
    activity_id = fields.Many2one(
        "mail.activity", string="To-do", readonly=True, ondelete="set null", copy=False
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("phase")
    def _compute_phase_sequence(self):
        order = {code: index for index, (code, _label) in enumerate(CHECKLIST_PHASES)}
        for line in self:
            line.phase_sequence = order.get(line.phase, 0)

    @api.depends("name", "lead_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.lead_id.name} – {line.name}" if line.lead_id.name else line.name
            )

    @api.depends("date_due", "is_done")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_overdue = bool(not line.is_done and line.date_due and line.date_due < today)

    def write(self, vals):
        # Billing, clinical staff and doctors tick their items; changing what an item
        # is (name, due date, required) is the coordinators' and front desk's job.
        if (
            set(vals) - {"is_done"}
            and not self.env.su
            and not self.env.context.get("clinic_checklist_ticking")
            and not self.env.user.has_group("crm_ortho_onboarding.group_clinic_front_desk")
            and not self.env.user.has_group(
                "crm_ortho_onboarding.group_clinic_treatment_coordinator"
            )
        ):
            raise AccessError(
                self.env._("You may tick onboarding items, not change what they are.")
            )
        # Ticking by hand (the checkbox in the lead form) goes through the same path
        # as the events, so the chatter and the activities stay consistent.
        if "is_done" in vals and not self.env.context.get("clinic_checklist_ticking"):
            done = vals.pop("is_done")
            res = super().write(vals) if vals else True
            if done:
                self.filtered(lambda line: not line.is_done)._clinic_mark_done()
            else:
                self.filtered("is_done")._clinic_mark_undone()
            return res
        return super().write(vals)

    def action_mark_done(self):
        self._clinic_mark_done()
        return True

    def action_mark_undone(self):
        self._clinic_mark_undone()
        return True

    def _clinic_mark_done(self, note=None):
        """Tick the lines, close their activities and say so on the lead."""
        lines = self.filtered(lambda line: not line.is_done)
        if not lines:
            return lines
        how = note or self.env._("by hand")
        lines.with_context(clinic_checklist_ticking=True).write(
            {
                "is_done": True,
                "date_done": fields.Datetime.now(),
                "done_by_id": self.env.uid,
                "done_note": how,
            }
        )
        activities = lines.activity_id.sudo()
        if activities:
            activities.action_feedback(feedback=self.env._("Checklist item done."))
        for lead, lead_lines in lines.grouped("lead_id").items():
            # Joins the message of the action that ticked it (a consult booked...).
            lead.sudo()._clinic_log_note(
                self.env._(
                    "Checklist: %(items)s done (%(how)s).",
                    items=", ".join(lead_lines.mapped("name")),
                    how=how,
                )
            )
        lines.lead_id._clinic_checklist_schedule_activities()
        return lines

    def _clinic_mark_undone(self):
        lines = self.filtered("is_done")
        lines.with_context(clinic_checklist_ticking=True).write(
            {"is_done": False, "date_done": False, "done_by_id": False, "done_note": False}
        )
        for lead, lead_lines in lines.grouped("lead_id").items():
            lead.sudo()._message_log(
                body=self.env._(
                    "Checklist: %(items)s reopened.", items=", ".join(lead_lines.mapped("name"))
                )
            )
        lines.lead_id._clinic_checklist_schedule_activities()
        return lines
