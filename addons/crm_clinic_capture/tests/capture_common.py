# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


class LeadCaptureCommon(ClinicRolesCommon, HttpCase):
    """A marketing source and an API key whose clear value the tests know."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The ABA and recruiting pipelines ship with other addons: a pipeline of each
        # kind, so keys can be limited to one and practitioner leads find theirs.
        cls.aba_team, cls.practitioner_team = cls.env["crm.team"].create(
            [
                {"name": "Test ABA Patients", "clinic_pipeline_type": "aba"},
                {"name": "Test Recruiting", "clinic_pipeline_type": "practitioner"},
            ]
        )
        cls.source = cls.env["utm.source"].create(
            {"name": "Spring ads", "clinic_external_key": "spring-ads"}
        )
        cls.api_key = cls.env["clinic.api.key"].create(
            {"name": "Smile site", "source_id": cls.source.id, "rate_limit": 1000}
        )
        cls.key = cls.api_key.action_generate_key()["context"]["default_key"]
        cls.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.capture_dedupe_minutes", "60"
        )

    def chorus(self, method="GET", key=None, headers=None, **params):
        params.setdefault("subscriptionkey", self.key if key is None else key)
        if method == "GET":
            return self.url_open("/lead/create", params=params, headers=headers)
        return self.url_open("/lead/create", data=params, headers=headers)

    def api(self, body, key=None, headers=None, raw=None):
        headers = {
            "X-API-Key": key or self.key,
            "Content-Type": "application/json",
            **(headers or {}),
        }
        if raw is not None:
            return self.url_open("/api/v1/leads", data=raw, headers=headers, method="POST")
        return self.url_open("/api/v1/leads", json=body, headers=headers)

    def patient(self, **values):
        return {
            "leadtype": "Patient",
            "firstName": "Ava",
            "lastName": "Nguyen",
            "email": "ava.parent@example.com",
            "phone": "(212) 736-5000",
            **values,
        }

    def lead_by_receipt(self, receipt):
        """The lead of an answered submission, as staff find it: its capture log row."""
        log = self.env["clinic.capture.log"].search([("receipt", "=", receipt)])
        self.assertEqual(len(log), 1, "one capture log row per receipt")
        return log.lead_id

    def after_capture(self):
        """What the after-capture cron does (its batches commit, which a test may not):
        the pending new leads, then the pending repeat inquiries."""
        self.env["crm.lead"].search(
            [("clinic_after_capture_pending", "=", True)]
        )._clinic_after_capture()
        self.env["clinic.capture.log"].search(
            [("followup_pending", "=", True)]
        )._clinic_run_followups()
