# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based fuzzing: whatever a caller sends, the answer is never a 5xx."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from ..models.crm_lead import CHORUS_FIELDS, EXTRA_FIELDS
from .capture_common import LeadCaptureCommon

FIELD_NAMES = st.sampled_from(CHORUS_FIELDS + EXTRA_FIELDS) | st.text(max_size=20)
SCALARS = (
    st.text(max_size=300)
    | st.integers()
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["Patient", "practitioner", "true", "2015-02-30", "ck_x", "\x00", "\ud800"])
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@tagged("post_install", "-at_install", "clinic_capture")
class TestLeadApiFuzz(LeadCaptureCommon):
    @FUZZ
    @given(body=st.dictionaries(FIELD_NAMES, VALUES, max_size=8))
    def test_json_api_never_answers_5xx(self, body):
        body.setdefault("leadtype", "Patient")
        response = self.api(body)
        self.assertLess(response.status_code, 500, response.text)
        self.assertIn(response.status_code, (201, 400, 429))
        self.assertNotIn("Traceback", response.text)

    @FUZZ
    @given(raw=st.binary(max_size=400))
    def test_json_api_never_answers_5xx_on_raw_bytes(self, raw):
        response = self.api(None, raw=raw)
        self.assertEqual(response.status_code, 400, response.text)

    @FUZZ
    @given(
        params=st.dictionaries(
            st.sampled_from(CHORUS_FIELDS[1:]), st.text(max_size=200), max_size=10
        ),
        method=st.sampled_from(["GET", "POST"]),
    )
    def test_chorus_route_never_answers_5xx(self, params, method):
        response = self.chorus(method, **params)
        self.assertLess(response.status_code, 500, response.text)
        self.assertNotIn("Traceback", response.text)
