# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from odoo.fields import Command

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
        # A clinic pipeline of the tests' own: its stages say what a referral needs (consult,
        # treatment started) and no optional addon (the onboarding checklist) gates them.
        cls.referral_team = cls.env["crm.team"].create(
            {"name": "Referral Test Clinic", "clinic_pipeline_type": "ortho"}
        )
        team_ids = [Command.set(cls.referral_team.ids)]
        cls.stage_inquiry, cls.stage_consult, cls.stage_started = cls.env["crm.stage"].create(
            [
                {"name": "Test Inquiry", "sequence": 1, "team_ids": team_ids},
                {
                    "name": "Test Consult",
                    "sequence": 2,
                    "team_ids": team_ids,
                    "clinic_referral_status": "consult",
                },
                {
                    "name": "Test Treatment Started",
                    "sequence": 3,
                    "team_ids": team_ids,
                    "is_won": True,
                    "clinic_referral_status": "started",
                },
            ]
        )

    @classmethod
    def _new_lead(cls, name="Braces for Leo", **values):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "clinic_lead_type": "patient",
                "clinic_first_name": name.split()[-1],
                "clinic_last_name": "Test",
                "type": "opportunity",
                "team_id": cls.referral_team.id,
                "stage_id": cls.stage_inquiry.id,
                **values,
            }
        )

    @contextmanager
    def _in_cron(self):
        """Run cron methods without their commits (tests must not commit)."""
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0):
            yield
