# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_treatment_plan
from . import clinic_treatment_phase
from . import clinic_treatment_procedure
from . import clinic_recall_rule
from . import clinic_recall
from . import crm_lead
from . import res_partner
from . import res_config_settings
from . import mail_activity
from . import mail_activity_plan_template
from . import clinic_crm_dashboard
