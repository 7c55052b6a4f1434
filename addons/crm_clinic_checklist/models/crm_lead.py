# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .clinic_checklist_template_line import CHECKLIST_PHASES

CLINIC_ADMIN = "crm_ortho_onboarding.group_clinic_admin"


class CrmLead(models.Model):
    """The onboarding checklist of a patient opportunity.

    Bridge addons report what happened in a feature addon with
    ``_clinic_checklist_event(code)`` (on the lead, or on the patient with
    ``res.partner._clinic_checklist_event``) and extend ``_clinic_checklist_past_events``;
    they never need to know which items a clinic put on its checklist (readme/USAGE.md).
    """

    _inherit = "crm.lead"

    clinic_checklist_line_ids = fields.One2many(
        "clinic.checklist.line", "lead_id", string="Onboarding Checklist"
    )
    clinic_checklist_template_id = fields.Many2one(
        "clinic.checklist.template", string="Checklist Template", readonly=True, copy=False
    )
    clinic_checklist_override = fields.Boolean(
        string="Checklist Overridden",
        copy=False,
        tracking=True,
        help="A clinic admin let this opportunity start treatment with required checklist "
        "items still open.",
    )
    clinic_checklist_pre_consult = fields.Char(
        string="Pre-consultation", compute="_compute_clinic_checklist_progress"
    )
    clinic_checklist_consult_day = fields.Char(
        string="Consultation Day", compute="_compute_clinic_checklist_progress"
    )
    clinic_checklist_presentation = fields.Char(
        string="Presentation", compute="_compute_clinic_checklist_progress"
    )
    clinic_checklist_start = fields.Char(
        string="Treatment Start", compute="_compute_clinic_checklist_progress"
    )
    clinic_checklist_open_required = fields.Integer(
        string="Required Items Open", compute="_compute_clinic_checklist_progress"
    )

    @api.depends("clinic_checklist_line_ids.is_done", "clinic_checklist_line_ids.is_required")
    def _compute_clinic_checklist_progress(self):
        counts = defaultdict(lambda: [0, 0])
        required_open = defaultdict(int)
        leads = self.filtered("id")
        if leads:
            groups = (
                self.env["clinic.checklist.line"]
                .sudo()
                ._read_group(
                    [("lead_id", "in", leads.ids)],
                    ["lead_id", "phase", "is_done", "is_required"],
                    ["__count"],
                )
            )
            for lead, phase, is_done, is_required, count in groups:
                counts[lead.id, phase][1] += count
                if is_done:
                    counts[lead.id, phase][0] += count
                elif is_required:
                    required_open[lead.id] += count
        for lead in self:
            for phase, _label in CHECKLIST_PHASES:
                done, total = counts[lead.id, phase]
                lead[f"clinic_checklist_{phase}"] = f"{done}/{total}" if total else False
            lead.clinic_checklist_open_required = required_open[lead.id]

    # ------------------------------------------------------------------
    # CRUD: generate on becoming an opportunity, guard the stage
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("clinic_checklist_override") for vals in vals_list):
            self._clinic_check_checklist_admin()
        leads = super().create(vals_list)
        leads._clinic_checklist_generate()
        leads._clinic_checklist_check_stage()
        return leads

    def write(self, vals):
        if "clinic_checklist_override" in vals:
            self._clinic_check_checklist_admin()
        assigned = (
            self.filtered(lambda lead: not lead.user_id) if vals.get("user_id") else self.browse()
        )
        res = super().write(vals)
        if {"type", "team_id", "clinic_lead_type"} & set(vals):
            self._clinic_checklist_generate()
        if vals.get("stage_id") or vals.get("clinic_checklist_override") is False:
            self._clinic_checklist_check_stage()
        if assigned:
            assigned._clinic_checklist_event("lead_assigned")
        return res

    def _clinic_check_checklist_admin(self):
        if not (self.env.su or self.env.user.has_group(CLINIC_ADMIN)):
            raise AccessError(
                self.env._("Only a clinic admin can override the onboarding checklist.")
            )

    def _clinic_stage_blocked(self, stage):
        """A follow-up status never moves a card into a stage that needs a complete
        checklist while required items are open (it would be refused anyway)."""
        blocked = super()._clinic_stage_blocked(stage)
        if blocked or not stage.clinic_checklist_required or self.clinic_checklist_override:
            return blocked
        if self.sudo().clinic_checklist_line_ids.filtered(
            lambda line: line.is_required and not line.is_done
        ):
            return self.env._("required onboarding items are open")
        return False

    def _clinic_checklist_check_stage(self):
        """Refuse a stage that needs a complete checklist while required items are open."""
        for lead in self:
            if not lead.stage_id.clinic_checklist_required or lead.clinic_checklist_override:
                continue
            open_lines = lead.sudo().clinic_checklist_line_ids.filtered(
                lambda line: line.is_required and not line.is_done
            )
            if open_lines:
                raise UserError(
                    self.env._(
                        "“%(lead)s” cannot move to “%(stage)s”: these required onboarding "
                        "items are still open: %(items)s. Finish them, or ask a clinic admin "
                        "to override the checklist.",
                        lead=lead.name,
                        stage=lead.stage_id.name,
                        items=", ".join(open_lines.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------

    def _clinic_checklist_eligible(self):
        return self.filtered(
            lambda lead: (
                lead.type == "opportunity"
                and lead.clinic_lead_type == "patient"
                and lead.team_id.clinic_pipeline_type
                and not lead.clinic_checklist_template_id
                # Patients entered already in treatment (imports) need no onboarding.
                and not lead.stage_id.clinic_checklist_required
                and lead.won_status != "won"
            )
        )

    def _clinic_checklist_generate(self):
        """Copy the pipeline's checklist template onto new patient opportunities."""
        leads = self._clinic_checklist_eligible()
        if not leads:
            return
        Template = self.env["clinic.checklist.template"].sudo()
        today = fields.Date.context_today(self)
        vals_list = []
        for lead in leads:
            template = Template._clinic_for_lead(lead)
            if not template:
                continue
            lead.sudo().clinic_checklist_template_id = template
            start = (
                fields.Date.to_date(lead.date_conversion.date()) if lead.date_conversion else today
            )
            vals_list += [
                {
                    "lead_id": lead.id,
                    "template_line_id": line.id,
                    "sequence": line.sequence,
                    "name": line.name,
                    "phase": line.phase,
                    "group_id": line.group_id.id,
                    "date_due": fields.Date.add(start, days=line.due_offset_days),
                    "is_required": line.is_required,
                    "event_code": line.event_code,
                    "create_activity": line.create_activity,
                }
                for line in template.line_ids
            ]
        if not vals_list:
            return
        lines = (
            self.env["clinic.checklist.line"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
        # Events that happened before the opportunity existed tick their items now.
        happened = leads._clinic_checklist_past_events()
        to_tick = lines.filtered(
            lambda line: line.event_code and line.event_code in happened.get(line.lead_id.id, ())
        )
        if to_tick:
            to_tick._clinic_mark_done(note=self.env._("already done when the checklist started"))
        lines.lead_id._clinic_checklist_schedule_activities()

    def _clinic_documents_by_lead(self, model_name, domain):
        """{lead id: the ``model_name`` records matching ``domain`` that belong to the
        lead or to its patient}. Feature addons read their past events with it; their
        models link a lead as ``lead_id`` and a patient as ``patient_id``."""
        documents = (
            self.env[model_name]
            .sudo()
            .search(
                [
                    *domain,
                    "|",
                    ("lead_id", "in", self.ids),
                    ("patient_id", "in", self.clinic_patient_id.ids),
                ]
            )
        )
        return {
            lead.id: documents.filtered(
                lambda d, lead=lead: (
                    d.lead_id == lead
                    or (lead.clinic_patient_id and d.patient_id == lead.clinic_patient_id)
                )
            )
            for lead in self
        }

    def _clinic_checklist_past_events(self):
        """Event codes already true for each lead: {lead id: set of codes}.

        Feature addons extend this with what they know (an intake already
        completed, records already received).
        """
        Event = self.env["calendar.event"].sudo()
        consults = Event.search(
            [("opportunity_id", "in", self.ids), ("clinic_is_consult", "=", True)]
        )
        result = defaultdict(set)
        for lead in self:
            if lead.user_id:
                result[lead.id].add("lead_assigned")
        for event in consults:
            result[event.opportunity_id.id].add("consult_scheduled")
            if event.clinic_outcome == "attended":
                result[event.opportunity_id.id].add("consult_attended")
        return result

    def _clinic_checklist_schedule_activities(self):
        """Give a to-do to whoever is responsible for the open items of the current phase.

        Only the earliest phase with open items gets activities, so a new patient
        does not drop twenty to-dos on the team at once.
        """
        for lead in self.sudo():
            open_lines = lead.clinic_checklist_line_ids.filtered(lambda line: not line.is_done)
            if not open_lines:
                continue
            current = min(open_lines.mapped("phase_sequence"))
            for line in open_lines.filtered(
                lambda line, current=current: (
                    line.phase_sequence == current and line.create_activity and not line.activity_id
                )
            ):
                activity = line.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=line.date_due or fields.Date.context_today(lead),
                    summary=self.env._("Onboarding: %(item)s", item=line.name),
                    note=lead.name,
                    user_id=lead._clinic_checklist_responsible(line.group_id).id,
                )
                if activity:
                    line.activity_id = activity

    def _clinic_checklist_responsible(self, group):
        """The coordinator when they have the role, else a pipeline member who has it."""
        self.ensure_one()
        user = self.user_id
        if not group or (user and group in user.all_group_ids):
            return user or self.env.user
        members = self.team_id.member_ids.filtered(lambda member: group in member.all_group_ids)
        return members[:1] or user or self.env.user

    # ------------------------------------------------------------------
    # The hook the feature addons call
    # ------------------------------------------------------------------

    def _clinic_checklist_event(self, event_code, note=None):
        """Tick the open checklist items of these leads that wait for ``event_code``.

        Runs as superuser on the items only: whoever caused the event (a doctor
        recording an attended consult, a patient signing on the portal) may not
        be allowed to edit the lead itself. Returns the lines ticked.
        """
        lines = (
            self.env["clinic.checklist.line"]
            .sudo()
            .search(
                [
                    ("lead_id", "in", self.ids),
                    ("event_code", "=", event_code),
                    ("is_done", "=", False),
                ]
            )
        )
        if not lines:
            return lines
        label = dict(lines._fields["event_code"]._description_selection(self.env))[event_code]
        return lines._clinic_mark_done(note=note or self.env._("automatically: %s", label))

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_clinic_checklist_override(self):
        self._clinic_check_checklist_admin()
        for lead in self:
            lead.clinic_checklist_override = True
            lead.message_post(
                body=self.env._(
                    "Onboarding checklist overridden by %(user)s: the opportunity may start "
                    "treatment with required items open.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_clinic_checklist_generate(self):
        self._clinic_checklist_generate()
        return True
