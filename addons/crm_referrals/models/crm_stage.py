# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmStage(models.Model):
    """A stage tells which referral status its leads' referrals are in.

    Pipelines differ per clinic (ortho consult stages, ABA assessment stages): the
    mapping is data on the stage rather than stage names in code.
    """

    _inherit = "crm.stage"

    clinic_referral_status = fields.Selection(
        [("consult", "Consult"), ("started", "Treatment Started"), ("completed", "Completed")],
        string="Referral Status",
        help="Referrals whose lead reaches this stage take this status (and the letter that "
        "goes with it is prepared for the referring provider). Empty: still referred.",
    )
