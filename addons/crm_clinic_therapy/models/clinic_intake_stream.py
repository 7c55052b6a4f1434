# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Command, Domain

# Dimension -> (stream filter field, lead field grouped on).
DIMENSIONS = {
    "lead_type": ("lead_type", "clinic_lead_type"),
    "status": ("followup_status_id", "clinic_followup_status_id"),
    "week": ("week_start", "create_date:week"),
    "user": ("user_id", "user_id"),
    "team": ("team_id", "team_id"),
}
DIMENSION_LABELS = [
    ("lead_type", "Lead Type"),
    ("status", "Status Reason"),
    ("week", "Week Created"),
    ("user", "Intake Specialist"),
    ("team", "Business Unit"),
]
STREAM_LIMIT = 80


# The intake stream is a screen (transient so each user filters their own), not a
# wizard: it lives in models/ like the core's dashboard.
class ClinicIntakeStream(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """The Open Leads Intake Stream: open leads, visuals that filter them, and the
    user's own tasks and calls. Counts run under the user's access rights."""

    _name = "clinic.intake.stream"
    _description = "Open Leads Intake Stream"

    lead_type = fields.Selection([("patient", "Patient"), ("practitioner", "Practitioner")])
    followup_status_id = fields.Many2one("clinic.followup.status", string="Status Reason")
    week_start = fields.Date(string="Week Created")
    user_id = fields.Many2one("res.users", string="Intake Specialist")
    team_id = fields.Many2one("crm.team", string="Business Unit")
    bucket_ids = fields.One2many("clinic.intake.stream.bucket", "stream_id")
    # One list per visual (the same bars, filtered by dimension).
    bucket_lead_type_ids = fields.One2many(
        "clinic.intake.stream.bucket", "stream_id", domain=[("dimension", "=", "lead_type")]
    )
    bucket_status_ids = fields.One2many(
        "clinic.intake.stream.bucket", "stream_id", domain=[("dimension", "=", "status")]
    )
    bucket_week_ids = fields.One2many(
        "clinic.intake.stream.bucket", "stream_id", domain=[("dimension", "=", "week")]
    )
    bucket_user_ids = fields.One2many(
        "clinic.intake.stream.bucket", "stream_id", domain=[("dimension", "=", "user")]
    )
    bucket_team_ids = fields.One2many(
        "clinic.intake.stream.bucket", "stream_id", domain=[("dimension", "=", "team")]
    )
    lead_ids = fields.Many2many("crm.lead", string="Stream", compute="_compute_leads")
    lead_count = fields.Integer(compute="_compute_leads")
    my_task_count = fields.Integer(string="My Open Tasks", compute="_compute_my_activities")
    my_call_count = fields.Integer(string="My Phone Calls", compute="_compute_my_activities")

    @api.depends("lead_type")
    def _compute_display_name(self):
        for stream in self:
            stream.display_name = self.env._("Open Leads Intake Stream")

    def _lead_domain(self, skip=None):
        """Open (unqualified, active) clinic leads, narrowed by the chosen visuals."""
        self.ensure_one()
        domain = (
            Domain("type", "=", "lead")
            & Domain("won_status", "=", "pending")
            & (Domain("team_id", "=", False) | Domain("team_id.clinic_pipeline_type", "!=", False))
        )
        for dimension, (field, lead_field) in DIMENSIONS.items():
            value = self[field]
            if dimension == skip or not value:
                continue
            if dimension == "week":
                start = datetime.combine(value, time.min)
                domain &= Domain("create_date", ">=", start) & Domain(
                    "create_date", "<", start + timedelta(days=7)
                )
            else:
                domain &= Domain(lead_field, "=", value.id if hasattr(value, "id") else value)
        return domain

    @api.depends("lead_type", "followup_status_id", "week_start", "user_id", "team_id")
    def _compute_leads(self):
        Lead = self.env["crm.lead"]
        for stream in self:
            domain = stream._lead_domain()
            stream.lead_ids = Lead.search(domain, limit=STREAM_LIMIT, order="create_date desc")
            stream.lead_count = Lead.search_count(domain)

    def _my_activity_domain(self):
        return Domain("user_id", "=", self.env.uid) & Domain("res_model", "=", "crm.lead")

    def _call_type(self):
        return self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)

    def _compute_my_activities(self):
        Activity = self.env["mail.activity"]
        call = self._call_type()
        calls = Domain("activity_type_id", "=", call.id) if call else Domain.FALSE
        for stream in self:
            base = stream._my_activity_domain()
            stream.my_call_count = Activity.search_count(base & calls)
            stream.my_task_count = Activity.search_count(base & ~calls)

    def _refresh_buckets(self):
        """One bar per value of each visual, counted with the other visuals applied."""
        Lead = self.env["crm.lead"]
        for stream in self:
            commands = [Command.clear()]
            for dimension, (_field, lead_field) in DIMENSIONS.items():
                groups = Lead._read_group(
                    stream._lead_domain(skip=dimension), [lead_field], ["__count"]
                )
                total = sum(count for _value, count in groups) or 1
                for value, count in groups:
                    commands.append(
                        Command.create(
                            stream._prepare_bucket_values(dimension, value, count, total)
                        )
                    )
            stream.bucket_ids = commands

    def _prepare_bucket_values(self, dimension, value, count, total):
        if dimension == "lead_type":
            labels = dict(self.env["crm.lead"]._fields["clinic_lead_type"].selection)
            label, key = labels.get(value, self.env._("None")), value or ""
        elif dimension == "week":
            day = value.date() if isinstance(value, datetime) else value
            label = self.env._("Week of %(day)s", day=fields.Date.to_string(day)) if day else ""
            key = fields.Date.to_string(day) if day else ""
        else:
            label = value.display_name if value else self.env._("None")
            key = str(value.id) if value else ""
        return {
            "dimension": dimension,
            "label": label,
            "value_key": key,
            "lead_count": count,
            "share": 100.0 * count / total,
        }

    @api.model
    def action_clinic_open_stream(self):
        stream = self.create({})
        stream._refresh_buckets()
        return stream._action_reopen()

    def _action_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open Leads Intake Stream"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_clear_filters(self):
        self.write(
            {
                "lead_type": False,
                "followup_status_id": False,
                "week_start": False,
                "user_id": False,
                "team_id": False,
            }
        )
        self._refresh_buckets()
        return self._action_reopen()

    def action_open_stream(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open Leads"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": list(self._lead_domain()),
        }

    def _action_my_activities(self, calls):
        call = self._call_type()
        domain = self._my_activity_domain()
        type_domain = Domain("activity_type_id", "=", call.id) if call else Domain.FALSE
        domain &= type_domain if calls else ~type_domain
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My Phone Calls") if calls else self.env._("My Open Tasks"),
            "res_model": "mail.activity",
            "view_mode": "list,form",
            "domain": list(domain),
        }

    def action_open_my_tasks(self):
        return self._action_my_activities(calls=False)

    def action_open_my_calls(self):
        return self._action_my_activities(calls=True)


class ClinicIntakeStreamBucket(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """One bar of a visual of the intake stream; clicking it filters the stream."""

    _name = "clinic.intake.stream.bucket"
    _description = "Intake Stream Visual Bar"
    _order = "dimension, lead_count desc, id"

    stream_id = fields.Many2one("clinic.intake.stream", required=True, ondelete="cascade")
    dimension = fields.Selection(DIMENSION_LABELS, required=True)
    label = fields.Char()
    value_key = fields.Char()
    lead_count = fields.Integer(string="Leads")
    share = fields.Float()

    def action_apply(self):
        """Filter the stream on this bar's value (clicking the same bar again clears it)."""
        self.ensure_one()
        stream = self.stream_id
        field, _lead_field = DIMENSIONS[self.dimension]
        if self.dimension == "week":
            value = fields.Date.to_date(self.value_key) if self.value_key else False
        elif self.dimension == "lead_type":
            value = self.value_key or False
        else:
            value = int(self.value_key) if self.value_key else False
        current = stream[field]
        current = current.id if hasattr(current, "id") else current
        stream[field] = False if current == value else value
        stream._refresh_buckets()
        return stream._action_reopen()
