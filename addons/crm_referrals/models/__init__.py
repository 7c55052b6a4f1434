# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import referral_tools
from . import crm_stage
from . import res_partner
from . import clinic_referral
from . import clinic_referral_letter
from . import crm_lead
from . import res_config_settings
from . import mail_activity
