# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RecordsCommon

XMLID = "crm_records_requests.clinic_records_jurisdiction_"

# (rule, requester type, format, pages, labour hours, labour rate, postage, expected maximum)
FEE_CASES = [
    ("us_ny", "attorney", "paper", 100, 0, 0, 5.0, 80.00),  # 100 x 0.75 + postage
    ("us_ny", "attorney", "electronic", 100, 0, 0, 5.0, 75.00),  # no postage for e-copies
    # PA: search fee 28.74 + 20 x 1.94 + 40 x 1.44 + 40 x 0.50
    ("us_pa", "attorney", "paper", 100, 0, 0, 0, 145.14),
    ("us_pa", "patient", "paper", 100, 0, 0, 0, 116.40),  # no search fee for own record
    ("us_nj_physician", "attorney", "paper", 150, 0, 0, 0, 100.00),  # capped at 100
    ("us_nj_physician", "attorney", "paper", 5, 0, 0, 0, 10.00),  # raised to the minimum
    ("us_nc", "payer", "paper", 130, 0, 0, 0, 63.75),  # 25 x .75 + 75 x .50 + 30 x .25
    ("us_nc", "payer", "paper", 5, 0, 0, 0, 10.00),  # minimum fee 10
    ("us_fl_physician", "patient", "paper", 30, 0, 0, 0, 26.25),  # 25 x 1.00 + 5 x .25
    ("us_ma", "attorney", "paper", 120, 0, 0, 0, 70.00),  # 15 + 100 x .50 + 20 x .25
    ("us_tx_physician", "attorney", "paper", 30, 0, 0, 0, 30.00),  # 25 for 1-20 + 10 x .50
    ("us_tx_physician", "attorney", "electronic", 300, 0, 0, 0, 25.00),  # e-copy flat fee
    ("us_ca", "patient", "paper", 40, 0.5, 30.0, 2.0, 27.00),  # 40 x .25 + clerical + postage
    ("us_co_practitioner", "patient", "paper", 40, 0.5, 30.0, 2.0, 17.00),  # cost-based
    ("us_co_practitioner", "patient", "portal", 40, 0, 0, 2.0, 0.00),
]


@tagged("post_install", "-at_install")
class TestRecordsFees(RecordsCommon):
    def _fee_request(self, code, requester_type, record_format, pages, hours, rate, postage):
        requester = self.patient if requester_type == "patient" else self.attorney
        return self._request(
            jurisdiction_id=self.env.ref(XMLID + code).id,
            requester_type=requester_type,
            requester_id=requester.id,
            record_format=record_format,
            page_count=pages,
            labor_hours=hours,
            labor_rate=rate,
            postage_amount=postage,
        )

    def test_fee_maximum_per_jurisdiction(self):
        for code, requester_type, record_format, pages, hours, rate, postage, fee in FEE_CASES:
            with self.subTest(rule=code, requester=requester_type, pages=pages, fmt=record_format):
                request = self._fee_request(
                    code, requester_type, record_format, pages, hours, rate, postage
                )
                self.assertAlmostEqual(request.fee_estimate, fee, places=2)

    def test_fee_explanation_lists_each_line(self):
        request = self._fee_request("us_pa", "attorney", "paper", 100, 0, 0, 0)
        explanation = request.fee_explanation
        self.assertIn("42 Pa.C.S.", explanation)
        self.assertIn("20 pages × 1.94", explanation)
        self.assertIn("40 pages × 1.44", explanation)
        self.assertIn("40 pages × 0.50", explanation)

    def test_patient_access_reminds_of_hipaa_cost_limit(self):
        request = self._fee_request("us_pa", "patient", "paper", 10, 0, 0, 0)
        self.assertAlmostEqual(request.fee_estimate, 19.40)
        self.assertIn("actual cost", request.fee_explanation)
        third = self._fee_request("us_pa", "attorney", "paper", 10, 0, 0, 0)
        self.assertNotIn("actual cost", third.fee_explanation)

    def test_hipaa_flat_fee_option_for_patients_electronic_copies(self):
        self.company.clinic_records_hipaa_flat_fee = True
        request = self._fee_request("us_ny", "patient", "electronic", 300, 0, 0, 0)
        self.assertAlmostEqual(request.fee_estimate, 6.50)
        self.assertIn("HIPAA", request.fee_explanation)
        # a third party is not covered by the right of access: the state schedule applies
        third = self._fee_request("us_ny", "attorney", "electronic", 300, 0, 0, 0)
        self.assertAlmostEqual(third.fee_estimate, 225.00)

    def test_no_fee_for_continuity_of_care_where_the_state_says_so(self):
        request = self._fee_request("us_az", "provider", "paper", 50, 1, 30.0, 5.0)
        self.assertAlmostEqual(request.fee_estimate, 35.00)  # labour + postage
        request.purpose_category = "continuity_of_care"
        self.assertAlmostEqual(request.fee_estimate, 0.0)

    def test_fee_charged_cannot_exceed_the_rule(self):
        request = self._fee_request("us_ny", "attorney", "paper", 100, 0, 0, 0)
        request.fee_amount = 75.0
        with self.assertRaisesRegex(ValidationError, "above the most the law allows"):
            request.fee_amount = 75.01
        with self.assertRaisesRegex(ValidationError, "above the most the law allows"):
            # fewer pages lower the maximum below the fee already set
            request.page_count = 50

    def test_fee_status_flow(self):
        request = self._fee_request("us_ny", "attorney", "paper", 10, 0, 0, 0)
        request.fee_amount = 7.5
        request.action_set_fee_due()
        self.assertEqual(request.fee_state, "due")
        request.action_mark_fee_paid()
        self.assertEqual(request.fee_state, "paid")
        self.assertTrue(request.fee_paid_date)

    def test_page_count_follows_prepared_documents(self):
        request = self._fee_request("us_ny", "attorney", "paper", 0, 0, 0, 0)
        self._add_document(request, "Notes", pages=4)
        self._add_document(request, "Imaging", pages=6)
        self.assertEqual(request.page_count, 10)
        self.assertAlmostEqual(request.fee_estimate, 7.50)
