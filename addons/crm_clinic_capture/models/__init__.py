# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_api_key
from . import clinic_capture_lock
from . import clinic_capture_log
from . import crm_lead
from . import res_config_settings
from . import utm_source
