# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

JOURNEY_STAGES = [
    ("new_lead", "New lead"),
    ("appointment_scheduled", "Appointment scheduled"),
    ("consultation_completed", "Consultation completed"),
    ("treatment_in_progress", "Treatment in progress"),
    ("treatment_completed", "Treatment completed"),
    ("recall_scheduled", "Recall scheduled"),
]


class ResPartner(models.Model):
    """A patient's next recall date, treatment plans and where they stand in their journey."""

    _inherit = "res.partner"

    clinic_recall_ids = fields.One2many("clinic.recall", "patient_id", string="Recalls")
    clinic_next_recall_date = fields.Date(
        string="Next Recall",
        compute="_compute_clinic_next_recall_date",
        store=True,
        index="btree_not_null",
    )
    clinic_treatment_plan_ids = fields.One2many(
        "clinic.treatment.plan", "patient_id", string="Treatment Plans"
    )
    clinic_journey_stage = fields.Selection(
        JOURNEY_STAGES,
        string="Patient Journey",
        compute="_compute_clinic_journey_stage",
        groups="crm_ortho_onboarding.group_clinic_read_only",
        help="Where the patient stands, from their leads, consultations, treatment plans and "
        "recalls: the furthest step reached, and a recall once treatment is over.",
    )

    @api.depends("clinic_recall_ids.date_due", "clinic_recall_ids.state")
    def _compute_clinic_next_recall_date(self):
        for partner in self:
            dates = partner.clinic_recall_ids.filtered(lambda r: r.state == "open").mapped(
                "date_due"
            )
            partner.clinic_next_recall_date = min(dates) if dates else False

    @api.depends(
        "clinic_lead_ids.clinic_consult_date",
        "clinic_lead_ids.clinic_consult_attended",
        "clinic_lead_ids.won_status",
        "clinic_treatment_plan_ids.state",
        "clinic_recall_ids.state",
    )
    def _compute_clinic_journey_stage(self):
        """One query per source for the whole batch (patient lists show the column)."""
        ids = self.filtered("id").ids
        leads = {
            patient: (scheduled, attended, "won" in (won_statuses or ()))
            for patient, scheduled, attended, won_statuses in self.env["crm.lead"]._read_group(
                [("clinic_patient_id", "in", ids)],
                ["clinic_patient_id"],
                [
                    "clinic_consult_date:count",
                    "clinic_consult_attended:bool_or",
                    "won_status:array_agg_distinct",
                ],
            )
        }
        plan_states = {}
        for patient, state in self.env["clinic.treatment.plan"]._read_group(
            [("patient_id", "in", ids)], ["patient_id", "state"]
        ):
            plan_states.setdefault(patient, set()).add(state)
        with_recall = {
            patient
            for [patient] in self.env["clinic.recall"]._read_group(
                [("patient_id", "in", ids), ("state", "=", "open")], ["patient_id"]
            )
        }
        for partner in self:
            states = plan_states.get(partner, set())
            scheduled, attended, won = leads.get(partner, (0, False, False))
            if "in_progress" in states:
                stage = "treatment_in_progress"
            elif partner in with_recall:
                stage = "recall_scheduled"
            elif "completed" in states:
                stage = "treatment_completed"
            elif won:
                stage = "treatment_in_progress"
            elif attended or states:
                stage = "consultation_completed"
            elif scheduled:
                stage = "appointment_scheduled"
            else:
                stage = "new_lead"
            partner.clinic_journey_stage = stage
