# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    """Disqualify: the reasons offered fit the leads (patient or practitioner)."""

    _inherit = "crm.lead.lost"

    clinic_reason_scope = fields.Selection(
        [
            ("clinic", "Clinic leads"),
            ("patient", "Patient leads"),
            ("practitioner", "Practitioner leads"),
        ],
        compute="_compute_clinic_reason_scope",
        help="Which reasons fit these leads (empty: leads of Odoo's sales teams, any reason).",
    )

    @api.depends("lead_ids.clinic_lead_type", "lead_ids.team_id.clinic_pipeline_type")
    def _compute_clinic_reason_scope(self):
        for wizard in self:
            leads = wizard.lead_ids
            clinic = bool(leads) and all(
                not lead.team_id or lead.team_id.clinic_pipeline_type for lead in leads
            )
            types = set(leads.mapped("clinic_lead_type"))
            if not clinic:
                wizard.clinic_reason_scope = False
            elif len(types) == 1:
                wizard.clinic_reason_scope = types.pop()
            else:
                wizard.clinic_reason_scope = "clinic"

    def _clinic_reason_fits(self):
        self.ensure_one()
        scope = self.clinic_reason_scope
        reason_for = self.lost_reason_id.clinic_reason_for
        return not scope or not self.lost_reason_id or reason_for in ("clinic", scope)

    def action_lost_reason_apply(self):
        for wizard in self:
            if not wizard._clinic_reason_fits():
                raise UserError(
                    self.env._(
                        "“%(reason)s” is not a reason to disqualify these leads: choose one "
                        "of the reasons offered.",
                        reason=wizard.lost_reason_id.name,
                    )
                )
        return super().action_lost_reason_apply()
