# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_audit_trail
from . import test_session_security
from . import test_score_audit
from . import test_audit_integrity
from . import test_bulk_read_audit
