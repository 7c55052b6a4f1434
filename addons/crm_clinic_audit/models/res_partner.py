# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """Opening a patient's or guardian's contact is audited; other contacts are not."""

    _inherit = "res.partner"

    def _clinic_audit_read_scope(self):
        return self.sudo().filtered(lambda p: p.clinic_is_patient or p.clinic_is_guardian)
