# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import lead_api
from . import lead_form
from . import openapi
from . import website_form
