# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailActivity(models.Model):
    """Activities about booking a treatment phase remember the phase, so that booking it
    closes the front desk's task and stops the follow-up sequence."""

    _inherit = "mail.activity"

    clinic_treatment_phase_id = fields.Many2one(
        "clinic.treatment.phase",
        string="Treatment Phase",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )
    clinic_phase_step = fields.Selection(
        [("booking", "Book the phase"), ("followup", "Follow-up sequence")],
        string="Phase Step",
        readonly=True,
    )
