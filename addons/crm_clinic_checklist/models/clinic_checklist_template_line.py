# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CHECKLIST_PHASES = [
    ("pre_consult", "Pre-consultation"),
    ("consult_day", "Consultation day"),
    ("presentation", "Treatment presentation"),
    ("start", "Treatment start"),
]

# Events this addon and the bridges of the feature addons (intake, records, treatment...)
# report through crm.lead._clinic_checklist_event(); a line with the code ticks itself.
# The codes are public API (readme/USAGE.md): keep them stable.
CHECKLIST_EVENTS = [
    ("lead_assigned", "Lead assigned to a coordinator"),
    ("consult_scheduled", "Consultation scheduled"),
    ("intake_sent", "Intake forms sent"),
    ("records_requested", "Records requested from previous provider"),
    ("intake_completed", "Intake forms completed"),
    ("consult_attended", "Consultation attended"),
    ("plan_presented", "Treatment plan presented"),
    ("plan_accepted", "Treatment plan accepted"),
    ("first_appointment_scheduled", "First treatment appointment scheduled"),
    ("consent_signed", "Consent signed"),
    ("records_received", "Records received"),
]


class ClinicChecklistTemplateLine(models.Model):
    """One item of an onboarding checklist template."""

    _name = "clinic.checklist.template.line"
    _description = "Onboarding Checklist Template Item"
    _order = "template_id, phase_sequence, sequence, id"

    template_id = fields.Many2one(
        "clinic.checklist.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    phase = fields.Selection(CHECKLIST_PHASES, required=True, default="pre_consult")
    phase_sequence = fields.Integer(compute="_compute_phase_sequence", store=True)
    group_id = fields.Many2one(
        "res.groups",
        string="Responsible Role",
        domain=lambda self: [
            (
                "privilege_id",
                "=",
                self.env.ref("crm_ortho_onboarding.res_groups_privilege_clinic_role").id,
            )
        ],
        help="The clinic role that does this item; its activity goes to the lead's "
        "coordinator when they have the role, otherwise to a pipeline member who has it.",
    )
    due_offset_days = fields.Integer(
        string="Due After (days)",
        default=0,
        help="Days after the opportunity was opened that the item is due.",
    )
    is_required = fields.Boolean(
        string="Required",
        default=True,
        help="Required items must be done before the opportunity moves to a stage that "
        "requires a complete checklist (Treatment Started).",
    )
    event_code = fields.Selection(
        CHECKLIST_EVENTS,
        string="Ticked By",
        help="The event that ticks this item by itself; empty means staff tick it by hand.",
    )
    create_activity = fields.Boolean(
        string="Schedule Activity",
        default=True,
        help="Schedule a to-do for the responsible person when the item's phase begins.",
    )

    @api.depends("phase")
    def _compute_phase_sequence(self):
        order = {code: index for index, (code, _label) in enumerate(CHECKLIST_PHASES)}
        for line in self:
            line.phase_sequence = order.get(line.phase, 0)

    @api.constrains("due_offset_days")
    def _check_due_offset_days(self):
        for line in self:
            if line.due_offset_days < 0:
                raise ValidationError(
                    self.env._(
                        "Checklist item “%(item)s”: the due offset cannot be negative.",
                        item=line.name,
                    )
                )
