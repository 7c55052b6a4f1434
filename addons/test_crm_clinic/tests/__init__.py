# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_access_matrix
from . import test_capture_request_cost
from . import test_clinic_simulation
from . import test_permission_table
from . import test_status_stage_moves
