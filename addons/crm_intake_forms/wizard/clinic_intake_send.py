# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain


class ClinicIntakeSend(models.TransientModel):
    """“Send intake forms”: pick the forms the stage requires and send one link."""

    _name = "clinic.intake.send"
    _description = "Send Intake Forms"

    lead_id = fields.Many2one("crm.lead", readonly=True)
    patient_id = fields.Many2one("res.partner", required=True)
    is_minor = fields.Boolean(related="patient_id.clinic_needs_guardian")
    recipient_id = fields.Many2one(
        "res.partner",
        string="Send to",
        required=True,
        help="The patient, or for a minor a parent or legal guardian.",
    )
    allowed_recipient_ids = fields.Many2many(
        "res.partner", compute="_compute_allowed_recipient_ids"
    )
    survey_ids = fields.Many2many(
        "survey.survey",
        string="Forms",
        required=True,
        domain=[("clinic_is_intake", "=", True)],
    )
    send_sms = fields.Boolean(
        string="Also by SMS",
        compute="_compute_send_sms",
        store=True,
        readonly=False,
        help="Text the same link to the recipient's phone (the only way to reach a family "
        "without e-mail), if they may receive texts.",
    )
    recipient_phone = fields.Char(related="recipient_id.phone", string="Phone")
    recipient_email = fields.Char(related="recipient_id.email", string="E-mail")
    date_due = fields.Date(
        string="Due",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=7),
        help="Before the consultation.",
    )

    @api.depends("patient_id")
    def _compute_allowed_recipient_ids(self):
        for wizard in self:
            guardians = wizard.patient_id.clinic_guardian_link_ids.filtered(
                lambda link: link.relation != "self"
            ).guardian_id
            wizard.allowed_recipient_ids = (
                guardians
                if wizard.patient_id.clinic_needs_guardian
                else guardians | wizard.patient_id
            )

    @api.depends("recipient_id")
    def _compute_send_sms(self):
        for wizard in self:
            # A family with only a phone is reached by SMS.
            wizard.send_sms = wizard.send_sms or bool(
                wizard.recipient_id and not wizard.recipient_id.email and wizard.recipient_id.phone
            )

    @api.model
    def _clinic_action_for(self, lead=None, patient=None):
        """The wizard action, with the patient, recipient and forms already chosen."""
        patient = patient or (lead and lead.clinic_patient_id)
        if not patient:
            raise UserError(
                self.env._(
                    "Link or convert this lead to a patient first: intake results are "
                    "kept on the patient."
                )
            )
        guardians = patient.clinic_guardian_link_ids.filtered(lambda link: link.relation != "self")
        primary = guardians.filtered("is_primary")[:1] or guardians[:1]
        recipient = primary.guardian_id if patient.clinic_needs_guardian else patient
        # From the patient form: the patient's open lead says which pipeline and stage.
        working = lead or patient.clinic_lead_ids.filtered("active")[:1]
        surveys = self._clinic_proposed_templates(working.stage_id, working.team_id, patient)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Send intake forms"),
            "context": {
                "default_lead_id": lead.id if lead else False,
                "default_patient_id": patient.id,
                "default_recipient_id": recipient.id,
                "default_survey_ids": [Command.set(surveys.ids)],
            },
        }

    @api.model
    def _clinic_proposed_templates(self, stage, team, patient):
        """The pipeline's intake packet (every intake form without one), for the patient's
        age, narrowed to the forms the stage requires when some of them are."""
        domain = self._clinic_template_domain(False, patient)
        packet = team.clinic_intake_template_ids
        if packet:
            domain &= Domain("id", "in", packet.ids)
        Survey = self.env["survey.survey"]
        surveys = Survey.search(domain, order="id")
        if stage:
            staged = surveys.filtered(lambda survey: stage in survey.clinic_stage_ids)
            # Nothing tied to this stage: offer the whole packet.
            surveys = staged or surveys
        return surveys

    @api.model
    def _clinic_template_domain(self, stage, patient):
        domain = Domain("clinic_is_intake", "=", True) & Domain("active", "=", True)
        if stage:
            domain &= Domain("clinic_stage_ids", "in", stage.ids)
        audience = "minor" if patient.clinic_needs_guardian else "adult"
        return domain & Domain("clinic_audience", "in", ["any", audience])

    def action_send(self):
        self.ensure_one()
        if not self.survey_ids:
            raise UserError(self.env._("Choose at least one intake form to send."))
        requests = self.env["clinic.intake.request"].create(
            [
                {
                    "survey_id": survey.id,
                    "patient_id": self.patient_id.id,
                    "recipient_id": self.recipient_id.id,
                    "lead_id": self.lead_id.id,
                    "user_id": (self.lead_id.user_id or self.env.user).id,
                    "date_due": self.date_due,
                    "company_id": (self.lead_id.company_id or self.env.company).id,
                }
                for survey in self.survey_ids
            ]
        )
        requests._clinic_send(send_sms=self.send_sms)
        return {"type": "ir.actions.act_window_close"}
