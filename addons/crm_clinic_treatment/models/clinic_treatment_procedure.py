# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.clinic_tooth import normalize_tooth_numbers
from .clinic_treatment_phase import WAIT_UNITS


class ClinicTreatmentProcedure(models.Model):
    """One procedure of a plan: code, teeth (Universal Numbering System), fee, appointment.

    A procedure done that a recall rule counts from (re)plans the patient's recall.
    """

    _name = "clinic.treatment.procedure"
    _description = "Treatment Procedure"
    _order = "plan_id, phase_sequence, sequence, id"

    plan_id = fields.Many2one(
        "clinic.treatment.plan", required=True, index=True, ondelete="cascade"
    )
    phase_id = fields.Many2one(
        "clinic.treatment.phase", index="btree_not_null", domain="[('plan_id', '=', plan_id)]"
    )
    phase_sequence = fields.Integer(related="phase_id.sequence", string="Phase Order", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    patient_id = fields.Many2one(related="plan_id.patient_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="Procedure code, e.g. the CDT code D8080 (comprehensive ortho)."
    )
    name = fields.Char(required=True)
    tooth_numbers = fields.Char(
        string="Teeth",
        help="Universal Numbering System: 1-32 for permanent teeth, A-T for primary teeth, "
        "separated by commas.",
    )
    status = fields.Selection(
        [
            ("planned", "Planned"),
            ("scheduled", "Scheduled"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        index=True,
    )
    fee = fields.Monetary(currency_field="currency_id")
    appointment_id = fields.Many2one("calendar.event")
    date_done = fields.Date(string="Done On")
    wait_count = fields.Integer(
        string="Heal Before Next Phase",
        help="Time this procedure needs before the next phase (e.g. 8 weeks for an implant "
        "to integrate); the next phase waits for the longest of its phase's procedures.",
    )
    # Not required: rows written in SQL (imports, benches) count in weeks.
    wait_unit = fields.Selection(WAIT_UNITS, default="weeks")

    _fee_positive = models.Constraint("CHECK(fee >= 0)", "A procedure fee cannot be negative.")

    @api.depends("code", "name", "tooth_numbers")
    def _compute_display_name(self):
        for procedure in self:
            teeth = f" (#{procedure.tooth_numbers})" if procedure.tooth_numbers else ""
            procedure.display_name = f"{procedure.code or ''} {procedure.name or ''}{teeth}".strip()

    @api.constrains("phase_id", "plan_id")
    def _check_phase_plan(self):
        for procedure in self:
            if procedure.phase_id and procedure.phase_id.plan_id != procedure.plan_id:
                raise ValidationError(
                    self.env._("Procedure %s: its phase belongs to another plan.", procedure.code)
                )

    def _clinic_normalize_vals(self, vals):
        if vals.get("tooth_numbers"):
            vals["tooth_numbers"] = normalize_tooth_numbers(self.env, vals["tooth_numbers"])
        if vals.get("status") == "done" and not vals.get("date_done"):
            vals["date_done"] = fields.Date.context_today(self)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._clinic_normalize_vals(vals)
            if vals.get("appointment_id") and vals.get("status", "planned") == "planned":
                vals["status"] = "scheduled"  # booking a procedure schedules it
        procedures = super().create(vals_list)
        procedures.filtered(lambda p: p.status == "done")._clinic_replan_recalls()
        procedures.filtered("phase_id").plan_id._clinic_sync_phases()
        return procedures

    def write(self, vals):
        vals = self._clinic_normalize_vals(dict(vals))
        res = super().write(vals)
        if vals.get("appointment_id"):
            self.filtered(lambda p: p.status == "planned").write({"status": "scheduled"})
        if vals.get("status") == "done" or "date_done" in vals:
            self.filtered(lambda p: p.status == "done")._clinic_replan_recalls()
        if {"status", "appointment_id", "date_done", "phase_id", "wait_count"} & set(vals):
            self.filtered("phase_id").plan_id._clinic_sync_phases()
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
