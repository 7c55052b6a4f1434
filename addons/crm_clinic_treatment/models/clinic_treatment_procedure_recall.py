# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ClinicTreatmentProcedure(models.Model):
    """A procedure done that a recall rule counts from (re)plans the patient's recall."""

    _inherit = "clinic.treatment.procedure"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        procedures = super().create(vals_list)
        procedures.filtered(lambda p: p.status == "done")._clinic_replan_recalls()
        return procedures

    def write(self, vals):
        res = super().write(vals)
        if vals.get("status") == "done" or "date_done" in vals:
            self.filtered(lambda p: p.status == "done")._clinic_replan_recalls()
        return res

    def _clinic_replan_recalls(self):
        """A matching procedure done is the visit the open recall waited for."""
        if not self:
            return
        rules = self.env["clinic.recall.rule"].sudo().search([("trigger", "=", "procedure")])
        Recall = self.env["clinic.recall"].sudo()
        for procedure in self:
            for rule in rules.filtered(lambda r, p=procedure: p.code.upper() in r._clinic_codes()):
                open_recall = Recall.search(
                    [
                        ("patient_id", "=", procedure.patient_id.id),
                        ("rule_id", "=", rule.id),
                        ("state", "=", "open"),
                    ]
                )
                if open_recall:
                    # The visit the recall waited for (e.g. the hygiene cleaning).
                    open_recall.action_done(procedure.date_done)
                else:
                    rule._clinic_plan_recall(procedure.patient_id)
