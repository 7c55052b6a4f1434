# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Leads of a patient are found by birthdate too (_clinic_leads_matching_partner),
    # in an OR with the indexed e-mail and phone: one unindexed branch makes
    # PostgreSQL scan the whole table.
    clinic_birthdate = fields.Date(index="btree_not_null")
