# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_assist")
class TestAttribution(ClinicRolesCommon):
    """First/last-touch sources per patient, reported to treatment starts and revenue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Source = cls.env["utm.source"]
        cls.google = Source.create({"name": "Attribution Google"})
        cls.facebook = Source.create({"name": "Attribution Facebook"})
        cls.doctor = Source.create({"name": "Attribution Doctor"})
        # A pipeline of its own, whose won stage has no gate of an optional addon (the
        # onboarding checklist): attribution is what is tested here.
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Attribution pipeline",
                "clinic_pipeline_type": "ortho",
                "use_opportunities": True,
            }
        )
        cls.stage_open, cls.stage_started = cls.env["crm.stage"].create(
            [
                {"name": "Open (attribution)", "sequence": 1, "team_ids": [(6, 0, cls.team.ids)]},
                {
                    "name": "Started (attribution)",
                    "sequence": 9,
                    "is_won": True,
                    "team_ids": [(6, 0, cls.team.ids)],
                },
            ]
        )
        Partner = cls.env["res.partner"]
        cls.pat_a = Partner.create({"name": "Ana Attrib", "clinic_is_patient": True})
        cls.pat_b = Partner.create({"name": "Ben Attrib", "clinic_is_patient": True})
        cls.pat_c = Partner.create({"name": "Cy Attrib", "clinic_is_patient": True})
        cls.a_first = cls._lead(cls.pat_a, cls.google, "2026-01-05")
        cls.a_second = cls._lead(cls.pat_a, cls.facebook, "2026-02-10", revenue=5200)
        cls.b_only = cls._lead(cls.pat_b, cls.doctor, "2026-01-20", revenue=4000)
        cls.c_only = cls._lead(cls.pat_c, cls.google, "2026-02-01", revenue=3000)
        (cls.a_second | cls.b_only).action_set_won()
        leads = cls.a_first | cls.a_second | cls.b_only | cls.c_only
        leads._clinic_compute_attribution()

    @classmethod
    def _lead(cls, patient, source, created, revenue=0):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Braces {patient.name}",
                "clinic_first_name": patient.name.split()[0],
                "clinic_last_name": "Attrib",
                "clinic_patient_id": patient.id,
                "source_id": source.id,
                "expected_revenue": revenue,
                "type": "opportunity",
                "team_id": cls.team.id,
            }
        )
        # Leads of one test share the transaction's timestamp: date them as the story says.
        cls.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            [datetime.fromisoformat(created), lead.id],
        )
        lead.invalidate_recordset(["create_date"])
        return lead

    def test_every_lead_of_a_patient_shares_first_and_last_touch(self):
        for lead in self.a_first | self.a_second:
            self.assertEqual(lead.clinic_first_touch_source_id, self.google)
            self.assertEqual(lead.clinic_last_touch_source_id, self.facebook)
        self.assertEqual(self.b_only.clinic_first_touch_source_id, self.doctor)
        self.assertEqual(self.b_only.clinic_last_touch_source_id, self.doctor)

    def test_report_counts_starts_and_contract_value_by_source(self):
        domain = [("clinic_patient_id", "in", (self.pat_a | self.pat_b | self.pat_c).ids)]
        Lead = self.env["crm.lead"].with_context(active_test=False)
        first = {
            source: (starts, value, count)
            for source, starts, value, count in Lead._read_group(
                domain,
                ["clinic_first_touch_source_id"],
                ["clinic_start_count:sum", "clinic_contract_value:sum", "__count"],
            )
        }
        self.assertEqual(first[self.google], (1, 5200.0, 3))
        self.assertEqual(first[self.doctor], (1, 4000.0, 1))
        last = {
            source: (starts, value)
            for source, starts, value in Lead._read_group(
                domain,
                ["clinic_last_touch_source_id"],
                ["clinic_start_count:sum", "clinic_contract_value:sum"],
            )
        }
        self.assertEqual(last[self.facebook], (1, 5200.0))
        self.assertEqual(last[self.google], (0, 0.0), "Cy has not started: no revenue")

    def test_a_changed_source_keeps_the_arrival_as_first_touch(self):
        self.c_only.source_id = self.facebook
        self.assertEqual(self.c_only.clinic_first_touch_source_id, self.google)
        self.assertEqual(self.c_only.clinic_last_touch_source_id, self.facebook)

    def test_tracking_history_gives_the_first_touch_of_older_leads(self):
        lead = self.c_only
        lead.source_id = self.facebook
        # A lead from before attribution existed: only the tracking history knows.
        lead.clinic_arrival_source_id = False
        message = self.env["mail.message"].create(
            {"model": "crm.lead", "res_id": lead.id, "message_type": "notification"}
        )
        self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]._get("crm.lead", "source_id").id,
                "mail_message_id": message.id,
                "old_value_integer": self.google.id,
                "new_value_integer": self.facebook.id,
            }
        )
        lead._clinic_compute_attribution()
        self.assertEqual(lead.clinic_first_touch_source_id, self.google)
        self.assertEqual(lead.clinic_last_touch_source_id, self.facebook)

    def test_leaving_treatment_started_removes_its_value(self):
        self.b_only.stage_id = self.stage_open
        self.assertEqual(self.b_only.clinic_start_count, 0)
        self.assertEqual(self.b_only.clinic_contract_value, 0.0)
