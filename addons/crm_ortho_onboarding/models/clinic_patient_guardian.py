# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .clinic_tools import GUARDIAN_RELATIONS


class ClinicPatientGuardian(models.Model):
    """Who is responsible for a patient: a parent, legal guardian, spouse…

    Guardians are ordinary partners, so mail, SMS, portal and merge work on them;
    a patient may have several guardians and a guardian several patients.
    """

    _name = "clinic.patient.guardian"
    _description = "Patient Guardian"
    _inherit = "mail.thread"
    _order = "is_primary desc, id"
    _rec_name = "guardian_id"

    patient_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True, tracking=True
    )
    guardian_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True, tracking=True
    )
    relation = fields.Selection(GUARDIAN_RELATIONS, required=True, default="parent", tracking=True)
    is_primary = fields.Boolean(string="Primary contact", tracking=True)
    guardian_phone = fields.Char(related="guardian_id.phone", string="Phone")
    guardian_email = fields.Char(related="guardian_id.email", string="Email")
    company_id = fields.Many2one(related="patient_id.company_id", store=True)

    _patient_guardian_unique = models.Constraint(
        "UNIQUE(patient_id, guardian_id)", "This person is already a guardian of this patient."
    )

    @api.constrains("patient_id", "guardian_id", "relation")
    def _check_guardian(self):
        for link in self:
            if link.patient_id == link.guardian_id and link.relation != "self":
                raise ValidationError(
                    self.env._(
                        "Guardian: %(name)s cannot be their own guardian; use the relation “Self”.",
                        name=link.patient_id.display_name,
                    )
                )
            guardian = link.guardian_id
            if guardian.clinic_is_minor and guardian.clinic_guardian_link_ids.filtered(
                lambda other, link=link: other.guardian_id == link.patient_id
            ):
                raise ValidationError(
                    self.env._(
                        "Guardian: %(guardian)s is a minor in the care of %(patient)s and "
                        "cannot be %(patient)s's guardian.",
                        guardian=guardian.display_name,
                        patient=link.patient_id.display_name,
                    )
                )
