# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    """The patient a customer invoice or refund is for: the dashboard's revenue counts
    invoices by it."""

    _inherit = "account.move"

    clinic_patient_id = fields.Many2one(
        "res.partner",
        string="Patient",
        compute="_compute_clinic_patient_id",
        store=True,
        readonly=False,
        # A refund made from an invoice keeps the invoice's patient, even one set by hand.
        copy=True,
        index="btree_not_null",
        tracking=True,
        domain=[("clinic_is_patient", "=", True)],
        help="The patient this invoice is for: the customer when the customer is a "
        "patient, else the only patient the customer is guardian of; set it by hand for a "
        "guardian of several patients. The clinic dashboard counts the invoice's revenue "
        "for this patient.",
    )

    @api.depends("partner_id", "move_type")
    def _compute_clinic_patient_id(self):
        for move in self:
            if move.move_type in ("out_invoice", "out_refund") and move.partner_id:
                move.clinic_patient_id = self._clinic_patient_billed(move.partner_id)
            else:
                move.clinic_patient_id = False

    @api.model
    def _clinic_patient_billed(self, partner):
        """The patient a customer stands for: themselves (or their company's contact
        being the patient), else their only ward. Read with sudo: whoever invoices may
        not read guardian links (an accountant without a clinic role)."""
        partner = partner.sudo()
        for candidate in (partner, partner.commercial_partner_id):
            if candidate.clinic_is_patient:
                return candidate.id
        wards = (partner | partner.commercial_partner_id).clinic_ward_link_ids.patient_id
        return wards.id if len(wards) == 1 else False
