# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    """A repeat inquiry from the website or the API is the patient's own words too."""

    _inherit = "crm.lead"

    def _clinic_capture_followup(self, vals, channel):
        # Read first: the repeat inquiry's note stays the latest message of the lead.
        if vals.get("description"):
            self._clinic_classify_text({self.id: vals["description"]}, channel="web_form")
        return super()._clinic_capture_followup(vals, channel)
