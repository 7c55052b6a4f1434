# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_recall")
class TestRecalls(ClinicRolesCommon):
    """Recall rules plan the next visit from the procedures done; the job reminds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.patient = cls.env["res.partner"].create(
            {"name": "Ruth Hale", "clinic_is_patient": True, "email": "ruth@example.com"}
        )
        cls.plan = cls.env["clinic.treatment.plan"].create(
            {"name": "Care", "patient_id": cls.patient.id, "state": "in_progress"}
        )
        cls.Recall = cls.env["clinic.recall"]
        cls.hygiene = cls.env.ref("crm_clinic_treatment.clinic_recall_rule_hygiene")
        cls.retention = cls.env.ref("crm_clinic_treatment.clinic_recall_rule_ortho_retention")

    def _done(self, code, day):
        return self.env["clinic.treatment.procedure"].create(
            {
                "plan_id": self.plan.id,
                "code": code,
                "name": code,
                "status": "done",
                "date_done": day,
            }
        )

    def _open(self, rule):
        return self.Recall.search(
            [
                ("patient_id", "=", self.patient.id),
                ("rule_id", "=", rule.id),
                ("state", "=", "open"),
            ]
        )

    def test_hygiene_every_six_months_from_the_last_cleaning(self):
        self._done("D1110", date(2026, 1, 15))
        recall = self._open(self.hygiene)
        self.assertEqual(recall.date_due, date(2026, 7, 15))
        self.assertEqual(self.patient.clinic_next_recall_date, date(2026, 7, 15))
        # The next cleaning is the visit the recall waited for.
        self._done("D1110", date(2026, 7, 20))
        self.assertEqual((recall.state, recall.date_done), ("done", date(2026, 7, 20)))
        self.assertEqual(self._open(self.hygiene).date_due, date(2027, 1, 20))

    def test_ortho_retention_checks_at_3_6_and_12_months_after_debond(self):
        self._done("D8680", date(2026, 2, 1))
        dues = []
        for visit in (date(2026, 5, 3), date(2026, 8, 2), date(2027, 2, 3)):
            recall = self._open(self.retention)
            dues.append(recall.date_due)
            recall.action_done(visit)
        self.assertEqual(dues, [date(2026, 5, 1), date(2026, 8, 1), date(2027, 2, 1)])
        self.assertFalse(self._open(self.retention), "no fourth check: the rule does not repeat")

    def test_patient_type_rule_uses_the_tag(self):
        tag = self.env["res.partner.category"].create({"name": "Perio patient"})
        rule = self.env["clinic.recall.rule"].create(
            {
                "name": "Perio by tag",
                "trigger": "patient_type",
                "category_ids": [(6, 0, tag.ids)],
                "interval_months": "3",
            }
        )
        self._done("D0120", date(2026, 3, 1))
        self.Recall._cron_clinic_recalls(today=date(2026, 3, 2))
        self.assertFalse(self._open(rule))
        self.patient.category_id = tag
        self.Recall._cron_clinic_recalls(today=date(2026, 3, 2))
        self.assertEqual(self._open(rule).date_due, date(2026, 6, 1))

    def test_job_reminds_once_when_due_and_lists_overdue(self):
        self._done("D1110", date(2026, 1, 15))
        recall = self._open(self.hygiene)
        self.Recall._cron_clinic_recalls(today=date(2026, 6, 30))
        self.assertFalse(recall.activity_ids, "15 days before: not yet")
        self.Recall._cron_clinic_recalls(today=date(2026, 7, 1))
        self.assertEqual(len(recall.activity_ids), 1)
        self.assertIn("Recall due", recall.activity_ids.summary)
        self.assertTrue(recall.is_notified)
        self.assertIn("time to book your next visit", recall.message_ids[0].subject)
        self.Recall._cron_clinic_recalls(today=date(2026, 7, 2))
        self.assertEqual(len(recall.activity_ids), 1)
        with freeze_time("2026-08-01"):
            self.assertIn(recall, self.Recall.search([("is_overdue", "=", True)]))
        with freeze_time("2026-07-10"):
            self.assertNotIn(recall, self.Recall.search([("is_overdue", "=", True)]))

    def test_recall_rate(self):
        rule = self.hygiene
        make = self.Recall.create
        cases = [
            (date(2026, 1, 10), "done"),
            (date(2026, 1, 20), "done"),
            (date(2026, 2, 1), "open"),
            (date(2026, 2, 5), "cancelled"),
        ]
        for due, state in cases:
            patient = self.patient.copy({"name": f"P {due}"})
            make({"patient_id": patient.id, "rule_id": rule.id, "date_due": due, "state": state})
        with freeze_time("2026-03-01"):
            rate = self.Recall._clinic_recall_rate(date(2026, 1, 1), date(2026, 2, 28))
        self.assertAlmostEqual(rate, 66.7)

    def test_post_op_check_two_weeks_after_an_extraction(self):
        """Intervals in weeks and days: the shipped post-operative check, then a custom one."""
        post_op = self.env.ref("crm_clinic_treatment.clinic_recall_rule_post_op")
        self._done("D7140", date(2026, 3, 2))
        self.assertEqual(self._open(post_op).date_due, date(2026, 3, 16))
        self._open(post_op).action_done(date(2026, 3, 16))
        self.assertFalse(self._open(post_op), "one check: the rule does not repeat")
        rule = self.env["clinic.recall.rule"].create(
            {
                "name": "Sutures out, then soft-tissue checks",
                "procedure_codes": "D4341",
                "interval_months": "10d, 2W, 3",
                "is_repeating": False,
            }
        )
        self._done("D4341", date(2026, 1, 5))
        dues = []
        for _visit in range(3):
            recall = self._open(rule)
            dues.append(recall.date_due)
            recall.action_done(recall.date_due)
        self.assertEqual(dues, [date(2026, 1, 15), date(2026, 1, 19), date(2026, 4, 5)])

    def test_bad_intervals_are_refused(self):
        for bad in ("6, x", "0w", "121", "2y", "4000d"):
            with self.assertRaisesRegex(ValidationError, "whole months between 1 and 120"):
                self.env["clinic.recall.rule"].create(
                    {"name": "Bad", "procedure_codes": "D1110", "interval_months": bad}
                )
        with self.assertRaisesRegex(ValidationError, "list the procedure codes"):
            self.env["clinic.recall.rule"].create({"name": "Bad", "interval_months": "6"})

    def test_roles_on_recalls(self):
        self._done("D1110", date(2026, 1, 15))
        recall = self._open(self.hygiene)
        recall.with_user(self.users["read_only"]).read(["date_due"])
        for role in ("read_only", "doctor", "billing"):
            with self.assertRaises(AccessError):
                recall.with_user(self.users[role]).action_done()
        recall.with_user(self.users["front_desk"]).action_done()
        self.assertEqual(recall.state, "done")
        with self.assertRaises(AccessError):
            self.hygiene.with_user(self.users["treatment_coordinator"]).interval_months = "4"
        self.hygiene.with_user(self.users["clinic_admin"]).interval_months = "6"
