# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.clinic_tools import GUARDIAN_RELATIONS, LEAD_CONVERT


class ClinicPatientConversion(models.TransientModel):
    """Turn a lead into a patient (and guardian) or a practitioner partner.

    Existing patients and guardians found by matching are proposed for linking
    instead of creating duplicates; nothing is ever merged silently.
    """

    _name = "clinic.patient.conversion"
    _description = "Convert Lead to Patient"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    clinic_lead_type = fields.Selection(related="lead_id.clinic_lead_type")
    person_name = fields.Char(compute="_compute_person_name")
    patient_action = fields.Selection(
        [("create", "Create a new record"), ("link", "Link an existing record")],
        string="Patient or Practitioner",
        compute="_compute_defaults",
        readonly=False,
        store=True,
        required=True,
    )
    patient_id = fields.Many2one(
        "res.partner",
        string="Existing Patient",
        compute="_compute_defaults",
        readonly=False,
        store=True,
        domain="[('clinic_is_patient', '=', True)] if clinic_lead_type == 'patient' "
        "else [('clinic_is_practitioner', '=', True)]",
    )
    guardian_action = fields.Selection(
        [
            ("create", "Create the guardian"),
            ("link", "Link an existing contact"),
            ("none", "No guardian (adult patient)"),
        ],
        string="Guardian",
        compute="_compute_defaults",
        readonly=False,
        store=True,
        required=True,
    )
    guardian_id = fields.Many2one(
        "res.partner",
        string="Existing Guardian",
        compute="_compute_defaults",
        readonly=False,
        store=True,
    )
    guardian_name = fields.Char(compute="_compute_defaults", readonly=False, store=True)
    guardian_relation = fields.Selection(
        GUARDIAN_RELATIONS,
        string="Relation",
        compute="_compute_defaults",
        readonly=False,
        store=True,
    )

    @api.depends("lead_id")
    def _compute_person_name(self):
        for wizard in self:
            wizard.person_name = wizard.lead_id._clinic_person_name() or wizard.lead_id.name

    @api.depends("lead_id")
    def _compute_defaults(self):
        for wizard in self:
            lead = wizard.lead_id
            patients = self.env["res.partner"]
            if lead.clinic_lead_type == "patient":
                patients = lead._clinic_patient_matches()
            wizard.patient_id = patients[:1]
            wizard.patient_action = "link" if patients else "create"
            relation = lead.clinic_contact_relation
            contact = " ".join(
                p for p in (lead.clinic_contact_first_name, lead.clinic_contact_last_name) if p
            )
            # A minor who is not emancipated needs a guardian; an emancipated minor who
            # wrote in themselves is their own contact.
            needs_guardian = lead.clinic_lead_type == "patient" and (
                lead.clinic_needs_guardian or (contact and relation != "self")
            )
            known = (
                lead.partner_id
                or lead.clinic_match_partner_ids.filtered(
                    lambda p: p.clinic_is_guardian and not p.clinic_is_patient
                )[:1]
            )
            wizard.guardian_id = known if needs_guardian else False
            if not needs_guardian:
                wizard.guardian_action = "none"
            else:
                wizard.guardian_action = "link" if known else "create"
            wizard.guardian_name = contact or lead.contact_name
            wizard.guardian_relation = relation if relation not in (False, "self") else "parent"

    def _prepare_patient_values(self):
        lead = self.lead_id
        values = {
            "name": lead._clinic_person_name() or lead.contact_name or lead.name,
            "clinic_birthdate": lead.clinic_birthdate,
            "company_id": lead.company_id.id,
            "street": lead.street,
            "city": lead.city,
            "zip": lead.zip,
            "state_id": lead.state_id.id,
            "country_id": lead.country_id.id,
        }
        adult_self = self.guardian_action == "none"
        if lead.clinic_lead_type == "practitioner":
            values.update(
                clinic_is_practitioner=True,
                clinic_npi=lead.clinic_npi,
                clinic_practitioner_role_id=lead.clinic_practitioner_role_id.id,
                email=lead.email_from,
                phone=lead.phone,
            )
        else:
            values.update(
                clinic_is_patient=True,
                clinic_gender=lead.clinic_gender,
                clinic_location_description=lead.clinic_location_description,
                clinic_location_type=lead.clinic_location_type,
                clinic_address_type=lead.clinic_address_type,
                **lead._clinic_emancipation_values(),
            )
            if adult_self:
                # The contact details on the lead are the patient's own.
                values.update(email=lead.email_from, phone=lead.phone)
        return values

    def _prepare_guardian_values(self):
        lead = self.lead_id
        return {
            "name": self.guardian_name or lead.contact_name,
            "email": lead.email_from,
            "phone": lead.phone,
            "company_id": lead.company_id.id,
            "street": lead.street,
            "city": lead.city,
            "zip": lead.zip,
            "state_id": lead.state_id.id,
            "country_id": lead.country_id.id,
        }

    def _clinic_carry_location(self, patient):
        """A known patient keeps the lead's location as one more of their addresses
        (a new patient takes it as their own address, in _prepare_patient_values)."""
        lead = self.lead_id
        if not (
            lead.clinic_location_type
            or lead.clinic_location_description
            or lead.clinic_address_type
        ):
            return
        self.env["res.partner"].create(
            {
                "parent_id": patient.id,
                "type": "invoice" if lead.clinic_address_type == "billing" else "other",
                "name": lead.clinic_location_description or False,
                "street": lead.street,
                "street2": lead.street2,
                "city": lead.city,
                "zip": lead.zip,
                "state_id": lead.state_id.id,
                "country_id": lead.country_id.id,
                "clinic_location_description": lead.clinic_location_description,
                "clinic_location_type": lead.clinic_location_type,
                "clinic_address_type": lead.clinic_address_type,
            }
        )

    def _clinic_carry_emancipation(self, patient):
        """A known patient takes the emancipation recorded on the lead (a new one got it
        in _prepare_patient_values); one already recorded on the patient is kept."""
        values = self.lead_id._clinic_emancipation_values()
        if values and not patient.clinic_is_emancipated:
            patient.write(values)

    def action_convert(self):
        """Create or link the patient and guardian, link the lead, open the patient."""
        self.ensure_one()
        lead = self.lead_id
        lead._clinic_check_permission(
            LEAD_CONVERT,
            self.env._("convert leads to patients"),
        )
        if lead.clinic_patient_id:
            raise UserError(self.env._("This lead is already converted."))
        # The patient made from this lead is not "another patient this lead matches".
        Partner = self.env["res.partner"].with_context(clinic_converting_lead_ids=lead.ids)
        if self.patient_action == "link":
            if not self.patient_id:
                raise UserError(self.env._("Existing Patient: choose the patient to link."))
            patient = self.patient_id
            if lead.clinic_lead_type == "practitioner" and not patient.clinic_is_practitioner:
                raise UserError(
                    self.env._(
                        "%(name)s is not a practitioner: link a practitioner or create one.",
                        name=patient.display_name,
                    )
                )
        else:
            patient = Partner.create(self._prepare_patient_values())
        if lead.clinic_lead_type == "patient":
            self._clinic_carry_emancipation(patient)
            if (
                self.guardian_action == "none"
                and patient.clinic_needs_guardian
                and not patient.clinic_guardian_link_ids
            ):
                raise UserError(
                    self.env._(
                        "%(patient)s is a minor (of age at %(majority)s in their state) and "
                        "not emancipated: link or create a parent or legal guardian, who "
                        "signs the forms and consents.",
                        patient=patient.name,
                        majority=patient.clinic_age_of_majority,
                    )
                )
        guardian = Partner
        if lead.clinic_lead_type == "patient" and self.guardian_action != "none":
            if self.guardian_action == "link":
                if not self.guardian_id:
                    raise UserError(self.env._("Existing Guardian: choose the contact to link."))
                guardian = self.guardian_id
            else:
                if not (self.guardian_name or lead.contact_name):
                    raise UserError(self.env._("Guardian: enter the guardian's name."))
                guardian = Partner.create(self._prepare_guardian_values())
            link = patient.clinic_guardian_link_ids.filtered(lambda g: g.guardian_id == guardian)
            if not link:
                self.env["clinic.patient.guardian"].create(
                    {
                        "patient_id": patient.id,
                        "guardian_id": guardian.id,
                        "relation": self.guardian_relation or "parent",
                        "is_primary": not patient.clinic_guardian_link_ids,
                    }
                )
        if self.patient_action == "link" and lead.clinic_lead_type == "patient":
            self._clinic_carry_location(patient)
        lead.write(
            {
                "clinic_patient_id": patient.id,
                "partner_id": (guardian or patient).id,
                "clinic_is_existing_patient": self.patient_action == "link",
            }
        )
        note = self.env._("Converted: patient %(patient)s.", patient=patient.display_name)
        if guardian:
            note = self.env._(
                "Converted: patient %(patient)s, guardian %(guardian)s.",
                patient=patient.display_name,
                guardian=guardian.display_name,
            )
        # One message: the note, with the lead's changes (patient, contact) under it.
        if lead._clinic_tracking_active():
            lead._track_set_log_message(Markup("<p>%s</p>") % note)
        else:
            lead._message_log(body=note)
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": patient.id,
            "view_mode": "form",
            "target": "current",
        }
