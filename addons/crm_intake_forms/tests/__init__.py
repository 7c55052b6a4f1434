# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_intake_access
from . import test_intake_backend_tour
from . import test_intake_cron
from . import test_intake_flow
from . import test_intake_pdf
from . import test_intake_portal
from . import test_intake_security
from . import test_intake_templates
from . import test_intake_tour
from . import test_portal_tampering
from . import test_multi_company
from . import test_intake_cron_batches
from . import test_intake_gateway_failure
from . import test_intake_escaping
from . import test_intake_roles
from . import test_intake_links
from . import test_signing_rules
from . import test_intake_packets
from . import test_location_rules
from . import test_intake_sms_only
from . import test_intake_packet_pages
from . import test_dashboard_intake
from . import test_intake_authors
