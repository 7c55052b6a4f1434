# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_clinic_roles
from . import test_followup_status
from . import test_lead_model
from . import test_lead_performance
from . import test_lead_urgency
from . import test_lead_permissions
from . import test_patient_conversion
from . import test_patient_matching
from . import test_pipelines
from . import test_privacy_defaults
from . import test_speed_to_lead
from . import test_ui_tour
from . import test_assignment
from . import test_consults
from . import test_scoring
from . import test_status_rules
from . import test_today_dashboard
from . import test_best_contact_time
from . import test_multi_company
from . import test_scale_query_counts
from . import test_capture_write_path
from . import test_log_redaction
from . import test_iap_gate
from . import test_location_rules
from . import test_template_phi_check
from . import test_clinic_views
