# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicFollowupStatus(models.Model):
    """Where the conversation with a family stands, separate from the pipeline stage.

    A status also says what happens when a lead enters it: which activity is
    scheduled and when, whether a follow-up date is required, and whether the
    clinic should be offered to disqualify the lead.
    """

    _name = "clinic.followup.status"
    _description = "Follow-up Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Stable key used by the shipped rules (e.g. no_response); leave empty on your own.",
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(help="What staff should do with a lead in this status.")
    requires_date = fields.Boolean(
        string="Requires a Follow-up Date",
        help="Changing a lead to this status asks for the date and time to follow up.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Schedule Activity",
        help="Activity planned for the lead's coordinator when it enters this status.",
    )
    activity_delay_days = fields.Integer(
        string="Activity After (days)",
        help="When the status has no follow-up date: plan the activity this many days later.",
    )
    activity_skip_weekends = fields.Boolean(
        string="Business Days Only", help="Move an activity that falls on a weekend to Monday."
    )
    activity_summary = fields.Char(translate=True)
    propose_disqualify_after = fields.Integer(
        string="Propose Disqualifying After",
        help="Offer to disqualify the lead once it entered this status this many times in a "
        "row (1 = at once, 0 = never).",
    )
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        string="Suggested Reason",
        help="Reason pre-filled when the clinic is offered to disqualify the lead.",
    )

    reached = fields.Boolean(
        string="Family Reached",
        help="Entering this status means the clinic spoke with the family; the hours at which "
        "that happened suggest the best time to call.",
    )
    opens_consult_scheduling = fields.Boolean(
        string="Open Consult Scheduling",
        help="After changing a lead to this status, open the calendar to book the consult.",
    )
    stage_ids = fields.Many2many(
        "crm.stage",
        string="Moves Leads To",
        compute="_compute_stage_ids",
        help="Pipeline stages that leads enter with this status (set on the stages).",
    )

    def _compute_stage_ids(self):
        stages = self.env["crm.stage"].search([("clinic_followup_status_ids", "in", self.ids)])
        for status in self:
            status.stage_ids = stages.filtered_domain(
                [("clinic_followup_status_ids", "in", status.ids)]
            )

    _code_unique = models.Constraint("UNIQUE(code)", "Another status already uses this code.")
