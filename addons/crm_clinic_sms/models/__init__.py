# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_lead
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sms_sms
from . import mail_message_subtype
