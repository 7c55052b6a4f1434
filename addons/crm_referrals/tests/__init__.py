# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_referral_attribution
from . import test_referral_letters
from . import test_referral_scores
from . import test_referral_security
from . import test_referral_letter_pdf
from . import test_referral_leakage
from . import test_multi_company
from . import test_referral_escaping
from . import test_referral_roles
from . import test_location_rules
