# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The API is no oracle and no weapon: company boundary and rate buckets (issue 21, item 6)."""

from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from .capture_common import LeadCaptureCommon

# What a TLS proxy in front of Odoo sends (docs/DEPLOYMENT.md); with proxy_mode on, Odoo
# takes the client's address from X-Forwarded-For.
PROXY = {"X-Forwarded-Host": "crm.example-clinic.com", "X-Forwarded-Proto": "https"}
HOSTILE = {**PROXY, "X-Forwarded-For": "203.0.113.66"}
SITE = {**PROXY, "X-Forwarded-For": "198.51.100.10"}


@tagged("post_install", "-at_install", "clinic_capture")
class TestCaptureCompanyBoundary(LeadCaptureCommon):
    """A second clinic (company) with its own key never sees, nor writes on, the first's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.api_key.company_id
        cls.company_b = cls.env["res.company"].create(
            {"name": "Second Clinic LLC", "country_id": cls.env.ref("base.us").id}
        )
        cls.team_b = cls.env["crm.team"].create(
            {
                "name": "Second Clinic New Patients",
                "clinic_pipeline_type": "ortho",
                "company_id": cls.company_b.id,
            }
        )
        cls.api_key_b = cls.env["clinic.api.key"].create(
            {
                "name": "Second clinic's site",
                "source_id": cls.source.id,
                "rate_limit": 1000,
                "company_id": cls.company_b.id,
                "team_id": cls.team_b.id,
            }
        )
        cls.key_b = cls.api_key_b.action_generate_key()["context"]["default_key"]

    def _age(self, lead, days=3):
        """Out of the dedupe window: a repeat is then noted on the open lead."""
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = create_date - %s * interval '1 day' WHERE id = %s",
            [days, lead.id],
        )
        lead.invalidate_recordset(["create_date"])

    def test_repeat_through_another_companys_key_is_a_lead_of_that_company(self):
        lead_a = self.lead_by_receipt(self.api(self.patient()).json()["receipt"])
        self.assertEqual(lead_a.company_id, self.company_a)
        self._age(lead_a)
        response = self.api(self.patient(message="Second clinic, please"), key=self.key_b)
        self.assertEqual(response.status_code, 201, response.text)
        lead_b = self.lead_by_receipt(response.json()["receipt"])
        self.assertTrue(lead_b)
        self.assertNotEqual(lead_b, lead_a)
        self.assertEqual(lead_b.company_id, self.company_b)
        log = self.env["clinic.capture.log"].search([("receipt", "=", response.json()["receipt"])])
        self.assertEqual(log.result, "created")
        self.after_capture()
        lead_a.invalidate_recordset()
        self.assertNotIn("New inquiry from the same person", lead_a.activity_ids.mapped("summary"))
        self.assertFalse(
            any("Second clinic, please" in (m.body or "") for m in lead_a.message_ids),
            "the second company's inquiry was written on the first company's lead",
        )
        # Within its own company the same person is still a repeat of the open lead.
        self._age(lead_b)
        again = self.api(self.patient(message="Any news?"), key=self.key_b)
        self.assertEqual(self.lead_by_receipt(again.json()["receipt"]), lead_b)
        self.after_capture()
        self.assertIn("New inquiry from the same person", lead_b.activity_ids.mapped("summary"))
        self.assertFalse(any("Any news?" in (m.body or "") for m in lead_a.message_ids))

    def test_another_companys_patient_is_not_matched(self):
        patient = self.env["res.partner"].create(
            {
                "name": "Ava Nguyen",
                "email": "ava.parent@example.com",
                "clinic_is_patient": True,
                "company_id": self.company_a.id,
            }
        )
        response = self.api(self.patient(message="Bracket came loose"), key=self.key_b)
        self.assertEqual(response.status_code, 201, response.text)
        lead_b = self.lead_by_receipt(response.json()["receipt"])
        self.assertEqual(lead_b.company_id, self.company_b)
        self.after_capture()
        self.assertFalse(patient.activity_ids)
        self.assertFalse(any("Bracket" in (m.body or "") for m in patient.message_ids))
        # The first company's own key still finds its patient.
        mine = self.api(self.patient(firstName="Ava", message="Bracket again"))
        log = self.env["clinic.capture.log"].search([("receipt", "=", mine.json()["receipt"])])
        self.assertEqual((log.result, log.partner_id), ("linked", patient))


@tagged("post_install", "-at_install", "clinic_capture")
class TestCaptureRateBuckets(LeadCaptureCommon):
    """Calls count per key and client address; refused calls only against the caller's own
    address, so a hostile client cannot lock the real site out of the key."""

    def setUp(self):
        super().setUp()
        patcher = patch.dict(config.options, {"proxy_mode": True})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_refused_calls_use_up_only_the_callers_own_bucket(self):
        self.api_key.rate_limit = 3
        codes = [self.api({"leadtype": "Patient"}, headers=HOSTILE).status_code for _i in range(5)]
        self.assertEqual(codes, [400, 400, 400, 429, 429])
        logs = self.env["clinic.capture.log"].search([("key_id", "=", self.api_key.id)])
        self.assertEqual(set(logs.mapped("ip")), {"203.0.113.66"})
        # The real site still gets its full quota of accepted submissions...
        site = [
            self.api(self.patient(firstName=f"Kid{i}"), headers=SITE).status_code for i in range(3)
        ]
        self.assertEqual(site, [201, 201, 201])
        # ...and the key's quota counts them: one more is one too many, from anywhere.
        elsewhere = {**PROXY, "X-Forwarded-For": "198.51.100.11"}
        response = self.api(self.patient(firstName="Kid9"), headers=elsewhere)
        self.assertEqual(response.status_code, 429)
        self.assertGreater(int(response.headers["Retry-After"]), 0)

    def test_one_address_cannot_use_up_the_keys_quota(self):
        self.api_key.write({"rate_limit": 4, "rate_limit_per_address": 2})
        hostile = [
            self.api(self.patient(firstName=f"Fake{i}"), headers=HOSTILE).status_code
            for i in range(3)
        ]
        self.assertEqual(hostile, [201, 201, 429])
        site = [
            self.api(self.patient(firstName=f"Kid{i}"), headers=SITE).status_code for i in range(2)
        ]
        self.assertEqual(site, [201, 201])

    def test_bad_keys_are_throttled_per_address_not_for_the_site(self):
        self.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.capture_unknown_key_per_minute", "2"
        )
        codes = [
            self.api(self.patient(), key=f"ck_guess{i}", headers=HOSTILE).status_code
            for i in range(3)
        ]
        self.assertEqual(codes, [401, 401, 429])
        self.assertEqual(self.api(self.patient(), headers=SITE).status_code, 201)
