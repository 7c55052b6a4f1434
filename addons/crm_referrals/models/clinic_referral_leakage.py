# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models

DEFAULT_CHASE_DAYS = "3,7,14,30"


class ClinicReferral(models.Model):
    """Outgoing referrals are chased until the specialist confirms the visit.

    A patient sent to a specialist who never goes is care lost (leakage). Until
    the specialist's office confirms the visit, the coordinator gets a call
    activity on a schedule after the referral date (3, 7, 14 and 30 days by
    default); after the last one the referral is flagged as leaked.
    """

    _inherit = "clinic.referral"  # pylint: disable=consider-merging-classes-inherited

    specialist_visit_confirmed = fields.Boolean(
        string="Visit Confirmed",
        tracking=True,
        copy=False,
        help="The specialist's office confirmed that the patient was seen.",
    )
    date_specialist_visit = fields.Date(string="Specialist Visit", tracking=True, copy=False)
    chase_count = fields.Integer(string="Chases", readonly=True, copy=False)
    date_next_chase = fields.Date(
        string="Next Chase",
        compute="_compute_date_next_chase",
        store=True,
        index="btree_not_null",
    )
    is_leaked = fields.Boolean(
        string="Leaked",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Every chase was made and the specialist never confirmed the visit.",
    )

    @api.model
    def _clinic_chase_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_referrals.outgoing_chase_days", DEFAULT_CHASE_DAYS)
        )
        days = sorted({int(d) for d in param.split(",") if d.strip().isdigit()})
        return days or [int(d) for d in DEFAULT_CHASE_DAYS.split(",")]

    @api.depends(
        "direction", "date_referral", "chase_count", "specialist_visit_confirmed", "active"
    )
    def _compute_date_next_chase(self):
        days = self._clinic_chase_days()
        for referral in self:
            pending = (
                referral.direction == "outgoing"
                and referral.active
                and not referral.specialist_visit_confirmed
                and referral.date_referral
                and referral.chase_count < len(days)
            )
            referral.date_next_chase = (
                referral.date_referral + timedelta(days=days[referral.chase_count])
                if pending
                else False
            )

    def _clinic_chase_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("clinic_is_referral_chase", "=", True),
            ]
        )

    @api.model
    def _cron_chase_outgoing_referrals(self, batch_size=200):
        """Schedule today's chases (restartable: each referral moves to its next date)."""
        today = fields.Date.context_today(self)
        days = self._clinic_chase_days()
        referrals = self.search(
            [("date_next_chase", "<=", today), ("direction", "=", "outgoing")],
            limit=batch_size,
            order="date_next_chase, id",
        )
        for referral in referrals:
            step = referral.chase_count + 1
            last = step >= len(days)
            owner = referral.user_id or referral.lead_id.user_id or self.env.ref("base.user_admin")
            summary = (
                self.env._(
                    "No confirmation from %(specialist)s: call the patient",
                    specialist=referral.provider_id.name,
                )
                if last
                else self.env._(
                    "Ask %(specialist)s whether %(patient)s was seen (chase %(step)s)",
                    specialist=referral.provider_id.name,
                    patient=referral.patient_name or "",
                    step=step,
                )
            )
            referral.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today,
                summary=summary,
                user_id=owner.id,
                clinic_is_referral_chase=True,
            )
            vals = {"chase_count": step}
            if last:
                vals["is_leaked"] = True
            referral.write(vals)
        remaining = self.search_count(
            [("date_next_chase", "<=", today), ("direction", "=", "outgoing")]
        )
        self.env["ir.cron"]._commit_progress(len(referrals), remaining=remaining)

    def action_confirm_specialist_visit(self):
        """The specialist saw the patient: stop chasing and close the open chases."""
        today = fields.Date.context_today(self)
        for referral in self:
            referral.write(
                {
                    "specialist_visit_confirmed": True,
                    "date_specialist_visit": referral.date_specialist_visit or today,
                    "is_leaked": False,
                }
            )
        self._clinic_chase_activities().action_feedback(
            feedback=self.env._("The specialist confirmed the visit.")
        )
        for referral in self:
            referral.message_post(
                body=Markup("<p>%s</p>")
                % escape(
                    self.env._(
                        "%(specialist)s confirmed the visit of %(date)s.",
                        specialist=referral.provider_id.name,
                        date=referral.date_specialist_visit,
                    )
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
