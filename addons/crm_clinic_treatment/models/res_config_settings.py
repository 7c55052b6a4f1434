# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """At-risk rules and sign-off of treatment plans, and the cost of a no-show."""

    _inherit = "res.config.settings"

    clinic_plan_next_phase_days = fields.Integer(
        string="Next Phase Booked Within (days)",
        config_parameter="crm_ortho_onboarding.plan_next_phase_days",
        default=10,
        help="A plan is at risk when its next phase is not booked this many days after the "
        "previous phase was done (a phase may set its own delay).",
    )
    clinic_plan_start_days = fields.Integer(
        string="Start Booked Within (days)",
        config_parameter="crm_ortho_onboarding.plan_start_days",
        default=7,
        help="An accepted plan is at risk when no start appointment is booked this many days "
        "after acceptance.",
    )
    clinic_no_show_cost = fields.Float(
        string="Cost of a No-show",
        config_parameter="crm_ortho_onboarding.no_show_cost",
        default=200.0,
        help="Estimated revenue lost per missed appointment, for the dashboard.",
    )
    clinic_plan_approval_amount = fields.Float(
        string="Sign-off Above",
        config_parameter="crm_clinic_treatment.plan_approval_amount",
        help="Treatment plans whose fees are above this amount need a senior dentist's "
        "sign-off (permission treatment:approve_plans) before they are presented; 0: never.",
    )
    clinic_phase_followup_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Follow-up of an Unbooked Phase",
        config_parameter="crm_clinic_treatment.phase_followup_plan_id",
        domain="[('res_model', '=', 'clinic.treatment.plan')]",
        help="The steps (call, text, call, coordinator review…) scheduled when a phase is not "
        "booked in time; they stop as soon as it is booked.",
    )
