# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import auditlog_http_session
from . import auditlog_log
from . import auditlog_log_line
from . import auditlog_rule
from . import clinic_audit_checkpoint
from . import clinic_audit_base
from . import ir_actions_report
from . import ir_binary
from . import ir_config_parameter
from . import ir_model_access
from . import ir_rule
from . import res_config_settings
from . import res_partner
from . import res_users
