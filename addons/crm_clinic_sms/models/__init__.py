# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_lead_sms
from . import res_partner_sms
from . import sms_sms
