# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import clinic_records_type
from . import clinic_records_jurisdiction
from . import res_company
from . import res_config_settings
from . import clinic_records_request
from . import clinic_records_document
from . import clinic_records_release_hit
from . import res_partner
from . import crm_lead
from . import clinic_ocr_document
from . import ir_attachment
