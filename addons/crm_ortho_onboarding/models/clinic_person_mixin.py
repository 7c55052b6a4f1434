# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .clinic_tools import AGE_OF_MAJORITY, age_on, npi_is_valid


class ClinicPersonMixin(models.AbstractModel):
    """What leads and partners share about a person: birthdate, age, minor, NPI.

    One definition keeps the age rule and the validations identical on the lead
    and on the patient or practitioner it becomes.
    """

    _name = "clinic.person.mixin"
    _description = "Clinic Person"

    clinic_birthdate = fields.Date(string="Birthdate", tracking=True)
    clinic_age = fields.Integer(string="Age", compute="_compute_clinic_age")
    clinic_is_minor = fields.Boolean(
        string="Minor", compute="_compute_clinic_age", search="_search_clinic_is_minor"
    )
    clinic_npi = fields.Char(string="NPI Number", tracking=True)
    clinic_gender = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("other", "Other"),
            ("undisclosed", "Prefers not to say"),
        ],
        string="Gender",
        tracking=True,
    )
    # Location Information (Chorus): what the address is, for a lead's address and for
    # each address of a patient, which carries it over on conversion.
    clinic_location_description = fields.Char(
        string="Location Description",
        tracking=True,
        help="What this address is, e.g. Grandmother's house, Lincoln Elementary.",
    )
    clinic_location_type = fields.Selection(
        [
            ("home", "Home"),
            ("clinic", "Clinic"),
            ("school", "School"),
            ("community", "Community"),
            ("other", "Other"),
        ],
        string="Location Type",
        tracking=True,
    )
    clinic_address_type = fields.Selection(
        [("billing", "Billing"), ("service", "Service"), ("both", "Billing and service")],
        string="Address Type",
        tracking=True,
        help="Billing: where statements go (one per patient). Service: where care is given.",
    )

    @api.depends("clinic_birthdate")
    def _compute_clinic_age(self):
        for person in self:
            age = age_on(person.clinic_birthdate)
            person.clinic_age = age or 0
            person.clinic_is_minor = age is not None and age < AGE_OF_MAJORITY

    def _search_clinic_is_minor(self, operator, value):
        if operator in ("in", "not in"):
            operator, value = ("=" if operator == "in" else "!="), True in value
        if operator not in ("=", "!="):
            return NotImplemented
        cutoff = fields.Date.context_today(self) - relativedelta(years=AGE_OF_MAJORITY)
        minor = Domain("clinic_birthdate", ">", cutoff)
        return minor if (operator == "=") == bool(value) else ~minor

    @api.constrains("clinic_birthdate")
    def _check_clinic_birthdate(self):
        today = fields.Date.context_today(self)
        for person in self:
            if person.clinic_birthdate and person.clinic_birthdate > today:
                raise ValidationError(
                    self.env._(
                        "Birthdate: %(name)s's birthdate cannot be in the future.",
                        name=person.display_name,
                    )
                )

    @api.constrains("clinic_npi")
    def _check_clinic_npi(self):
        for person in self:
            if person.clinic_npi and not npi_is_valid(person.clinic_npi):
                raise ValidationError(
                    self.env._(
                        "NPI Number: %(npi)s is not a valid NPI (10 digits whose last digit "
                        "is the check digit).",
                        npi=person.clinic_npi,
                    )
                )
