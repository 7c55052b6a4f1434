# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_api_key_access
from . import test_capture_boundaries
from . import test_capture_flags
from . import test_lead_api
from . import test_lead_api_fuzz
from . import test_lead_form
from . import test_lead_form_tour
from . import test_scale_query_counts
