# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


class TreatmentPlanCommon(ClinicRolesCommon):
    """A patient with an orthodontic opportunity, and helpers for plans and visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create(
            {"name": "Mia Lopez", "clinic_is_patient": True, "email": "mia@example.com"}
        )
        cls.lead.write(
            {
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "clinic_patient_id": cls.patient.id,
            }
        )
        cls.Plan = cls.env["clinic.treatment.plan"]

    def _plan(self, present=True, **values):
        """A plan of the patient, presented unless told (drafts are not shown yet)."""
        plan = self.Plan.create(
            {
                "name": "Implant #14",
                "patient_id": self.patient.id,
                "user_id": self.users["treatment_coordinator"].id,
                **values,
            }
        )
        if present and plan.state == "draft":
            plan.action_present()
        return plan

    def _event(self, day):
        return self.env["calendar.event"].create(
            {"name": "Treatment", "start": datetime(*day, 9), "stop": datetime(*day, 10)}
        )
