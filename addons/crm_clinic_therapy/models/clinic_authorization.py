# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ALERT_DAYS_PARAM = "crm_ortho_onboarding.authorization_alert_days"
ALERT_UNITS_PARAM = "crm_ortho_onboarding.authorization_alert_units_percent"


class ClinicAuthorization(models.Model):
    """An insurer's authorization for an assessment or for therapy services.

    ABA opportunities close only when the payer authorizes services: the
    opportunity's stage is derived from its authorizations (see
    ``crm.lead._clinic_sync_authorization_stage``).
    """

    _name = "clinic.authorization"
    _description = "Authorization"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Authorization Number", tracking=True, copy=False)
    kind = fields.Selection(
        [("assessment", "Assessment"), ("service", "Services")],
        required=True,
        default="assessment",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("denied", "Denied"),
            ("expired", "Expired"),
        ],
        required=True,
        default="requested",
        tracking=True,
        index=True,
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade"
    )
    patient_id = fields.Many2one(
        "res.partner", related="lead_id.clinic_patient_id", store=True, index=True
    )
    company_id = fields.Many2one("res.company", related="lead_id.company_id", store=True)
    user_id = fields.Many2one("res.users", related="lead_id.user_id", string="Intake Specialist")
    coverage_id = fields.Many2one(
        "clinic.insurance.policy",
        domain="[('patient_id', '=', patient_id)]",
        tracking=True,
    )
    payer = fields.Char(
        compute="_compute_payer",
        store=True,
        readonly=False,
        tracking=True,
        help="Taken from the coverage; type it when the coverage is not recorded yet.",
    )
    date_requested = fields.Date(
        string="Requested On", default=fields.Date.context_today, tracking=True
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    unit_type = fields.Selection(
        [("hours", "Hours"), ("units", "Units")], default="hours", required=True
    )
    units_approved = fields.Float(string="Approved", tracking=True)
    units_used = fields.Float(string="Used", tracking=True)
    units_remaining = fields.Float(string="Remaining", compute="_compute_units_remaining")
    recommended_hours = fields.Float(
        string="Recommended Hours/Week",
        tracking=True,
        help="Service authorizations: the hours recommended by the assessment review.",
    )
    alert_sent = fields.Boolean(
        copy=False,
        help="An end-date or units alert was raised; cleared when dates or units change.",
    )
    note = fields.Text()

    @api.depends("coverage_id")
    def _compute_payer(self):
        for authorization in self:
            if authorization.coverage_id:
                authorization.payer = authorization.coverage_id.carrier
            else:
                authorization.payer = authorization.payer or False

    @api.depends("units_approved", "units_used")
    def _compute_units_remaining(self):
        for authorization in self:
            authorization.units_remaining = authorization.units_approved - authorization.units_used

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for authorization in self:
            if (
                authorization.date_start
                and authorization.date_end
                and authorization.date_end < authorization.date_start
            ):
                raise ValidationError(self.env._("An authorization cannot end before it starts."))

    @api.constrains("units_approved", "units_used")
    def _check_units(self):
        for authorization in self:
            if authorization.units_approved < 0 or authorization.units_used < 0:
                raise ValidationError(self.env._("Authorized and used units cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        authorizations = super().create(vals_list)
        authorizations.lead_id._clinic_sync_authorization_stage()
        return authorizations

    def write(self, vals):
        if {"date_end", "units_approved"} & set(vals) and "alert_sent" not in vals:
            vals = dict(vals, alert_sent=False)
        res = super().write(vals)
        if "state" in vals:
            self.lead_id._clinic_sync_authorization_stage()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_approve(self):
        """Record the payer's approval: number, dates and units are what billing relies on."""
        for authorization in self:
            missing = [
                label
                for field, label in (
                    ("name", self.env._("authorization number")),
                    ("date_start", self.env._("start date")),
                    ("date_end", self.env._("end date")),
                    ("units_approved", self.env._("approved hours or units")),
                )
                if not authorization[field]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in the %(fields)s before approving the authorization.",
                        fields=", ".join(missing),
                    )
                )
        self.write({"state": "approved"})
        return self._clinic_refresh_screen()

    def action_deny(self):
        self.write({"state": "denied"})
        self._clinic_raise_lead_activity(self.env._("Authorization denied"))
        return self._clinic_refresh_screen()

    def action_expire(self):
        self.write({"state": "expired"})
        self._clinic_raise_lead_activity(self.env._("Authorization expired"))
        return self._clinic_refresh_screen()

    def action_reset_requested(self):
        self.write({"state": "requested"})
        return self._clinic_refresh_screen()

    def _clinic_refresh_screen(self):
        """Reload the screen: an authorization opened from its lead (a dialog over the
        lead's form) changes the lead too (stage, authorization step), and Odoo reloads
        only the dialog's record after a button."""
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _clinic_raise_lead_activity(self, summary):
        """Denied or expired: the intake specialist must appeal or request a new one."""
        for authorization in self:
            authorization.lead_id.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=self.env._(
                    "%(kind)s authorization %(number)s (%(payer)s): request a new one or appeal.",
                    kind=dict(self._fields["kind"].selection)[authorization.kind],
                    number=authorization.name or "",
                    payer=authorization.payer or "",
                ),
                user_id=authorization.lead_id.user_id.id or self.env.uid,
            )

    # ------------------------------------------------------------------
    # Scheduled alerts
    # ------------------------------------------------------------------

    def _clinic_alert_thresholds(self):
        params = self.env["ir.config_parameter"].sudo()
        days = int(params.get_param(ALERT_DAYS_PARAM, 14) or 14)
        percent = float(params.get_param(ALERT_UNITS_PARAM, 20) or 20)
        return days, percent

    @api.model
    def _cron_clinic_authorization_alerts(self, batch_size=500):
        """Expire lapsed authorizations; warn before the end date or when units run low."""
        today = fields.Date.context_today(self)
        lapsed = self.search(
            [("state", "=", "approved"), ("date_end", "<", today)], limit=batch_size
        )
        lapsed.action_expire()
        days, percent = self._clinic_alert_thresholds()
        candidates = self.search(
            [("state", "=", "approved"), ("alert_sent", "=", False)], limit=batch_size
        )
        horizon = today + timedelta(days=days)
        for authorization in candidates:
            reasons = []
            if authorization.date_end and authorization.date_end <= horizon:
                reasons.append(
                    self.env._(
                        "ends on %(date)s", date=fields.Date.to_string(authorization.date_end)
                    )
                )
            if (
                authorization.units_approved
                and authorization.units_remaining <= authorization.units_approved * percent / 100
            ):
                reasons.append(
                    self.env._(
                        "%(left)s of %(total)s left",
                        left=round(authorization.units_remaining, 2),
                        total=round(authorization.units_approved, 2),
                    )
                )
            if not reasons:
                continue
            authorization.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Authorization running out"),
                note=self.env._(
                    "Authorization %(number)s %(reasons)s: request an extension.",
                    number=authorization.name or "",
                    reasons=", ".join(reasons),
                ),
                user_id=authorization.lead_id.user_id.id or self.env.uid,
            )
            authorization.alert_sent = True
        self.env["ir.cron"]._commit_progress(len(lapsed) + len(candidates))
