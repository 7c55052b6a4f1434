# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_checklist_template_line
from . import clinic_checklist_template
from . import clinic_checklist_line
from . import crm_stage
from . import crm_lead
from . import res_partner
from . import calendar_event
