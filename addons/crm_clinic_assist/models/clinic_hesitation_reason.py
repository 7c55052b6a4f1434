# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ClinicHesitationReason(models.Model):
    """Why a family did not start after the consultation, and the follow-up it calls for.

    Each reason (cost, timing, insurance, confidence in treatment, second opinion)
    has a cadence: steps a number of days after the reason is recorded, each an
    activity for the lead's owner with the e-mail or SMS template to use.
    """

    _name = "clinic.hesitation.reason"
    _description = "Hesitation Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="What staff should listen for.")
    step_ids = fields.One2many("clinic.hesitation.step", "reason_id", string="Cadence", copy=True)
    lost_reason_ids = fields.One2many(
        "crm.lost.reason",
        "clinic_hesitation_reason_id",
        string="Lost Reasons",
        help="Marking a lead lost for one of these reasons starts this cadence.",
    )
