# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_message_classification
from . import clinic_hesitation_reason
from . import clinic_hesitation_step
from . import crm_lost_reason
from . import mail_activity
from . import crm_lead
from . import calendar_event
from . import res_config_settings
