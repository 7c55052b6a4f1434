# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


class ReferralCommon(ClinicRolesCommon):
    """Clinic roles plus a referring dentist in a practice and a family referrer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("crm_referrals.auto_thank_you", "True")
        params.set_param("crm_referrals.thank_you_delay_days", "1")
        params.set_param("crm_referrals.progress_report_months", "6")
        Partner = cls.env["res.partner"]
        cls.practice = Partner.create(
            {"name": "Test Smiles Dentistry", "is_company": True, "email": "o@smiles.example.com"}
        )
        cls.dentist = Partner.create(
            {
                "name": "Dr. Test Dentist",
                "parent_id": cls.practice.id,
                "email": "dentist@smiles.example.com",
                "clinic_npi": "1000000004",
                "clinic_is_referring_provider": True,
                "clinic_provider_specialty": "general_dentist",
            }
        )
        cls.aunt = Partner.create({"name": "Aunt Referrer", "email": "aunt@example.com"})
        cls.stage_inquiry = cls.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_inquiry")
        cls.stage_consult = cls.env.ref(
            "crm_ortho_onboarding.crm_stage_clinic_ortho_consult_scheduled"
        )
        cls.stage_started = cls.env.ref("crm_ortho_onboarding.crm_stage_clinic_ortho_started")

    @classmethod
    def _new_lead(cls, name="Braces for Leo", **values):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "clinic_lead_type": "patient",
                "clinic_first_name": name.split()[-1],
                "clinic_last_name": "Test",
                "type": "opportunity",
                "team_id": cls.ortho_team.id,
                "stage_id": cls.stage_inquiry.id,
                # These tests are about referrals, not the onboarding checklist.
                "clinic_checklist_override": True,
                **values,
            }
        )

    @contextmanager
    def _in_cron(self):
        """Run cron methods without their commits (tests must not commit)."""
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            yield
