# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_cron
from . import test_deadlines
from . import test_fees
from . import test_letters_pdf
from . import test_release_portal
from . import test_security
from . import test_workflow
from . import test_retention
from . import test_ui_tour
from . import test_ocr
from . import test_portal_tampering
from . import test_multi_company
from . import test_escaping
from . import test_records_roles
from . import test_location_rules
