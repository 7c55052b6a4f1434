# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .clinic_age_of_majority import (
    age_of_majority,
    majority_country_ids,
    majority_state_ids,
)
from .clinic_tools import age_on, npi_is_valid


class ClinicPersonMixin(models.AbstractModel):
    """What leads and partners share about a person: birthdate, age, minor, NPI.

    One definition keeps the age rule and the validations identical on the lead
    and on the patient or practitioner it becomes. A person is a minor below the
    age of majority of the state they live in (``clinic_age_of_majority``); without
    an address, the clinic's (the current company's) state decides.
    """

    _name = "clinic.person.mixin"
    _description = "Clinic Person"

    clinic_birthdate = fields.Date(string="Birthdate", tracking=True)
    clinic_age = fields.Integer(string="Age", compute="_compute_clinic_age")
    clinic_is_minor = fields.Boolean(
        string="Minor",
        compute="_compute_clinic_age",
        search="_search_clinic_is_minor",
        help="Younger than the age of majority of the state the person lives in.",
    )
    clinic_age_of_majority = fields.Integer(
        string="Age of Majority",
        compute="_compute_clinic_age",
        help="In the person's state (the clinic's state when the address is empty): "
        "19 in Alabama and Nebraska, 21 in Mississippi and Puerto Rico, 18 elsewhere.",
    )
    clinic_needs_guardian = fields.Boolean(
        string="Guardian Signs",
        compute="_compute_clinic_needs_guardian",
        help="A minor who is not emancipated: a parent or legal guardian fills in and "
        "signs forms and consents.",
    )
    # Emancipation: an emancipated minor signs their own forms and consents. Recorded
    # with its date and evidence (court order, marriage or military record: a document,
    # a note or both) on the lead as on the patient, which the lead carries it to.
    clinic_is_emancipated = fields.Boolean(
        string="Emancipated",
        tracking=True,
        help="A minor legally emancipated (court order, marriage, military service): "
        "signs their own intake forms and consents.",
    )
    clinic_emancipation_date = fields.Date(string="Emancipated On", tracking=True)
    clinic_emancipation_note = fields.Text(
        string="Emancipation Evidence",
        tracking=True,
        help="What proves the emancipation: court, order number, who saw the document.",
    )
    clinic_emancipation_document = fields.Binary(
        string="Evidence Document", attachment=True, copy=False
    )
    clinic_emancipation_document_name = fields.Char(string="Evidence File Name", copy=False)
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
        string="Billing or Service Address",
        tracking=True,
        help="Billing: where statements go (one per patient). Service: where care is given.",
    )

    def _clinic_age_of_majority(self):
        """The age of majority where this person lives (the clinic's state without address)."""
        self.ensure_one()
        if self.state_id or self.country_id:
            return age_of_majority(self.state_id, self.country_id)
        company = self.env.company
        return age_of_majority(company.state_id, company.country_id)

    @api.depends("clinic_birthdate", "state_id", "country_id")
    @api.depends_context("company")
    def _compute_clinic_age(self):
        for person in self:
            age = age_on(person.clinic_birthdate)
            majority = person._clinic_age_of_majority()
            person.clinic_age = age or 0
            person.clinic_age_of_majority = majority
            person.clinic_is_minor = age is not None and age < majority

    @api.depends("clinic_is_minor", "clinic_is_emancipated")
    def _compute_clinic_needs_guardian(self):
        for person in self:
            person.clinic_needs_guardian = (
                person.clinic_is_minor and not person.clinic_is_emancipated
            )

    def _clinic_emancipation_values(self):
        """The emancipation as values to write on another record (lead → patient)."""
        self.ensure_one()
        if not self.clinic_is_emancipated:
            return {}
        return {
            "clinic_is_emancipated": True,
            "clinic_emancipation_date": self.clinic_emancipation_date,
            "clinic_emancipation_note": self.clinic_emancipation_note,
            "clinic_emancipation_document": self.clinic_emancipation_document,
            "clinic_emancipation_document_name": self.clinic_emancipation_document_name,
        }

    @api.constrains(
        "clinic_is_emancipated",
        "clinic_emancipation_date",
        "clinic_emancipation_note",
        "clinic_emancipation_document",
    )
    def _check_clinic_emancipation(self):
        today = fields.Date.context_today(self)
        for person in self.filtered("clinic_is_emancipated"):
            if not person.clinic_emancipation_date:
                raise ValidationError(
                    self.env._(
                        "Emancipation: enter the date %(name)s was emancipated.",
                        name=person.display_name,
                    )
                )
            if person.clinic_emancipation_date > today:
                raise ValidationError(self.env._("Emancipation: the date cannot be in the future."))
            if not (person.clinic_emancipation_note or person.clinic_emancipation_document):
                raise ValidationError(
                    self.env._(
                        "Emancipation: attach the court order (or other proof) or describe "
                        "the evidence you saw for %(name)s.",
                        name=person.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "clinic_emancipation_document" in vals:
            # A binary is not tracked: say in the chatter that the evidence changed.
            body = (
                self.env._("Emancipation evidence document attached.")
                if vals["clinic_emancipation_document"]
                else self.env._("Emancipation evidence document removed.")
            )
            for person in self:
                person.message_post(body=body, subtype_xmlid="mail.mt_note")
        return res

    def _search_clinic_is_minor(self, operator, value):
        if operator in ("in", "not in"):
            operator, value = ("=" if operator == "in" else "!="), True in value
        if operator not in ("=", "!="):
            return NotImplemented
        today = fields.Date.context_today(self)

        def younger_than(years):
            return Domain("clinic_birthdate", ">", today - relativedelta(years=years))

        by_state = majority_state_ids(self.env)
        by_country = majority_country_ids(self.env)
        listed_states = [sid for ids in by_state.values() for sid in ids]
        listed_countries = [cid for ids in by_country.values() for cid in ids]
        no_state = Domain("state_id", "=", False)
        company = self.env.company
        minor = [
            # No address: the clinic's state decides.
            no_state
            & Domain("country_id", "=", False)
            & younger_than(age_of_majority(company.state_id, company.country_id)),
            # Listed nowhere: 18.
            (
                (Domain("state_id", "!=", False) & Domain("state_id", "not in", listed_states))
                | (
                    no_state
                    & Domain("country_id", "!=", False)
                    & Domain("country_id", "not in", listed_countries)
                )
            )
            & younger_than(age_of_majority()),
        ]
        minor += [
            Domain("state_id", "in", ids) & younger_than(age) for age, ids in by_state.items()
        ]
        minor += [
            no_state & Domain("country_id", "in", ids) & younger_than(age)
            for age, ids in by_country.items()
        ]
        minor = Domain.OR(minor)
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
