# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import calendar_event_consult_lag
from . import clinic_hesitation_reason
from . import clinic_hesitation_step
from . import clinic_message_classification
from . import crm_lead_attribution
from . import crm_lead_hesitation
from . import crm_lead_message_classification
from . import crm_lost_reason
from . import mail_activity
from . import res_config_settings_consult_lag
