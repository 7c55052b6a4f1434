# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ClinicHesitationStep(models.Model):
    """One step of a hesitation cadence: an activity N days after the reason is recorded."""

    _name = "clinic.hesitation.step"
    _description = "Hesitation Follow-up Step"
    _order = "reason_id, day_offset, sequence, id"

    reason_id = fields.Many2one(
        "clinic.hesitation.reason", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    day_offset = fields.Integer(
        string="After (days)", required=True, default=1, help="Days after the reason is recorded."
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
    )
    summary = fields.Char(required=True, translate=True)
    mail_template_id = fields.Many2one(
        "mail.template", string="E-mail Template", domain=[("model", "=", "crm.lead")]
    )
    sms_template_id = fields.Many2one(
        "sms.template", string="SMS Template", domain=[("model", "=", "crm.lead")]
    )

    @api.constrains("day_offset")
    def _check_day_offset(self):
        for step in self:
            if not 0 <= step.day_offset <= 365:
                raise ValidationError(
                    self.env._("After (days): give a number of days between 0 and 365.")
                )

    def _prepare_note(self):
        self.ensure_one()
        parts = []
        if self.mail_template_id:
            parts.append(self.env._("E-mail template: %s", self.mail_template_id.name))
        if self.sms_template_id:
            parts.append(self.env._("SMS template: %s", self.sms_template_id.name))
        return "<br/>".join(parts)
