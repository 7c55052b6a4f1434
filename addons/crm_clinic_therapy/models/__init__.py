# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_authorization
from . import clinic_intake_stream
from . import clinic_patient_condition
from . import clinic_service_time
from . import crm_lead
from . import res_partner
