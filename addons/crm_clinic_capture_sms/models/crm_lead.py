# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    """The consent to texts recorded with a web or API submission is the lead's own; the
    clinic's quiet hours hold the key's auto-replies until the morning."""

    _inherit = "crm.lead"

    def _clinic_has_sms_consent(self):
        self.ensure_one()
        return self.clinic_consent_sms or super()._clinic_has_sms_consent()

    def _clinic_capture_quiet_until(self):
        # An inquiry sent at night is acknowledged in the morning: the text messages
        # addon's quiet hours, in the lead's clinic's time zone, for the e-mail too.
        self.ensure_one()
        return self.env["sms.sms"]._clinic_quiet_until(company=self.company_id or None)

    def _clinic_capture_sms_context(self):
        return dict(super()._clinic_capture_sms_context(), clinic_sms_quiet_hours=True)
