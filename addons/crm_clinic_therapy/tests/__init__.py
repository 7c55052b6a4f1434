# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_aba_pipeline
from . import test_authorization_workflow
from . import test_intake_stream
from . import test_therapy_records
from . import test_clinic_words
