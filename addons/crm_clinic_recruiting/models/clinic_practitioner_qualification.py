# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ALERT_DAYS_PARAM = "crm_ortho_onboarding.qualification_alert_days"


class ClinicPractitionerQualification(models.Model):
    """A practitioner's credential (BCBA, RBT…): what lets them deliver a service."""

    _name = "clinic.practitioner.qualification"
    _description = "Practitioner Qualification"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_expiry, id"

    role_id = fields.Many2one(
        "clinic.practitioner.role", string="Credential", required=True, tracking=True
    )
    number = fields.Char(string="Credential Number", tracking=True)
    issuing_state_id = fields.Many2one("res.country.state", tracking=True)
    date_issue = fields.Date(string="Issued On", tracking=True)
    date_expiry = fields.Date(string="Expires On", tracking=True, index=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Practitioner",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one("res.company", related="lead_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        help="Who is told when the credential is about to expire.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "clinic_practitioner_qualification_attachment_rel",
        "qualification_id",
        "attachment_id",
        string="Documents",
    )
    expiry_alert_sent = fields.Boolean(copy=False)
    expiry_state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        compute="_compute_expiry_state",
    )

    @api.depends("lead_id.clinic_patient_id")
    def _compute_partner_id(self):
        for qualification in self:
            qualification.partner_id = (
                qualification.lead_id.clinic_patient_id or qualification.partner_id
            )

    @api.depends("lead_id.user_id")
    def _compute_user_id(self):
        for qualification in self:
            qualification.user_id = qualification.lead_id.user_id or qualification.user_id

    @api.depends("role_id", "number")
    def _compute_display_name(self):
        for qualification in self:
            qualification.display_name = " ".join(
                p
                for p in (
                    qualification.role_id.code or qualification.role_id.name,
                    qualification.number,
                )
                if p
            )

    @api.depends("date_expiry")
    @api.depends_context("date")
    def _compute_expiry_state(self):
        today = fields.Date.context_today(self)
        days = self._clinic_alert_days()
        for qualification in self:
            expiry = qualification.date_expiry
            if expiry and expiry < today:
                qualification.expiry_state = "expired"
            elif expiry and expiry <= today + timedelta(days=days):
                qualification.expiry_state = "expiring"
            else:
                qualification.expiry_state = "valid"

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for qualification in self:
            if (
                qualification.date_issue
                and qualification.date_expiry
                and qualification.date_expiry < qualification.date_issue
            ):
                raise ValidationError(self.env._("A credential cannot expire before it is issued."))

    @api.constrains("lead_id", "partner_id")
    def _check_owner(self):
        for qualification in self:
            if not qualification.lead_id and not qualification.partner_id:
                raise ValidationError(
                    self.env._("Say whose credential this is: a practitioner or an opportunity.")
                )

    def write(self, vals):
        if "date_expiry" in vals and "expiry_alert_sent" not in vals:
            vals = dict(vals, expiry_alert_sent=False)
        return super().write(vals)

    def _clinic_alert_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(ALERT_DAYS_PARAM, 30)
        return int(value or 30)

    @api.model
    def _cron_clinic_qualification_alerts(self, batch_size=500):
        """Warn the responsible person once before a credential expires."""
        horizon = fields.Date.context_today(self) + timedelta(days=self._clinic_alert_days())
        qualifications = self.search(
            [("date_expiry", "<=", horizon), ("expiry_alert_sent", "=", False)],
            limit=batch_size,
        )
        for qualification in qualifications:
            qualification.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Credential expiring"),
                note=self.env._(
                    "%(credential)s of %(who)s expires on %(date)s: ask for the renewal.",
                    credential=qualification.display_name,
                    who=(qualification.partner_id or qualification.lead_id).display_name,
                    date=fields.Date.to_string(qualification.date_expiry),
                ),
                user_id=qualification.user_id.id or self.env.uid,
            )
        qualifications.expiry_alert_sent = True
        self.env["ir.cron"]._commit_progress(len(qualifications))
