# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_practice_kpis
from . import test_recalls
from . import test_treatment_plans
from . import test_orthodontic_clinic_alone
from . import test_location_rules
from . import test_treatment_journey
from . import test_treatment_approval
