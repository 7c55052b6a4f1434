# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_followup_status_change
from . import clinic_patient_conversion
from . import crm_lead_to_opportunity
from . import clinic_staff_role_change
from . import crm_lead_lost
