# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PLAN_RESPONSIBLES = ("clinic_front_desk", "clinic_coordinator")


class MailActivityPlanTemplate(models.Model):
    """Steps of a treatment plan's activity plan can go to the plan's own front desk or
    coordinator, as HR's plans go to the employee's manager: the follow-up sequence of
    an unbooked phase calls and texts through the front desk, and ends with the
    coordinator's review."""

    _inherit = "mail.activity.plan.template"

    responsible_type = fields.Selection(
        selection_add=[
            ("clinic_front_desk", "Front desk of the treatment plan"),
            ("clinic_coordinator", "Coordinator of the treatment plan"),
        ],
        ondelete={"clinic_front_desk": "set default", "clinic_coordinator": "set default"},
    )

    @api.constrains("plan_id", "responsible_type")
    def _check_clinic_responsible_type(self):
        for template in self:
            if (
                template.responsible_type in PLAN_RESPONSIBLES
                and template.plan_id.res_model != "clinic.treatment.plan"
            ):
                raise ValidationError(
                    self.env._(
                        "“%(step)s”: the treatment plan's front desk or coordinator can only be "
                        "chosen in plans for treatment plans.",
                        step=template.summary or template.activity_type_id.name,
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        if self.responsible_type not in PLAN_RESPONSIBLES:
            return super()._determine_responsible(on_demand_responsible, applied_on_record)
        if self.responsible_type == "clinic_front_desk":
            responsible = applied_on_record._clinic_front_desk_user()
        else:
            responsible = applied_on_record.user_id or on_demand_responsible
        error = False
        if not responsible:
            error = self.env._(
                "No one to assign “%(step)s” to: set the plan's coordinator.",
                step=self.summary or self.activity_type_id.name,
            )
        return {"responsible": responsible, "error": error, "warning": False}
