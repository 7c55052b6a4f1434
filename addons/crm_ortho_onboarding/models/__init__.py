# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_followup_status
from . import clinic_person_mixin
from . import clinic_cached_rules_mixin
from . import clinic_practitioner_role
from . import clinic_patient_guardian
from . import clinic_insurance_policy
from . import calendar_event
from . import clinic_score_rule
from . import crm_stage
from . import crm_team
from . import crm_team_member
from . import crm_lead
from . import phone_blacklist
from . import res_config_settings
from . import res_partner
from . import res_users
from . import utm_source
from . import ir_http
from . import clinic_iap_gate
from . import iap_autocomplete_api
from . import iap_enrich_api
from . import crm_iap_lead_mining_request
from . import clinic_template_phi_mixin
from . import mail_template
from . import sms_template
from . import clinic_crm_dashboard
