# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import intake_fields
from . import survey_survey
from . import survey_question
from . import survey_user_input
from . import clinic_intake_request
from . import clinic_medical_history
from . import clinic_insurance_policy
from . import clinic_consent
from . import clinic_intake_progress_mixin
from . import res_partner
from . import crm_lead
from . import crm_team
from . import res_config_settings
from . import clinic_crm_dashboard
