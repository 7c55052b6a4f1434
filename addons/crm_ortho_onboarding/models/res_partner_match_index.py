# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Every capture (API, web form) and every lead saved by staff looks patients and
    # guardians up by these (crm_lead._clinic_find_partner_matches); Odoo indexes
    # them on crm.lead but not on res.partner, so each lookup scanned the table.
    email_normalized = fields.Char(index="btree_not_null")
    phone_sanitized = fields.Char(index="btree_not_null")
    clinic_birthdate = fields.Date(index="btree_not_null")
