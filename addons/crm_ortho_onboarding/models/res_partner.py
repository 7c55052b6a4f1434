# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .clinic_tools import CLINIC_STAFF, salutation_name

# The newest messages a timeline shows (older ones stay in each record's chatter).
TIMELINE_LIMIT = 200


class ResPartner(models.Model):
    """Patients, guardians and practitioners are partners with clinic flags.

    Keeping them as partners means mail, SMS, portal, addresses, merge and the
    privacy tools of Odoo work on them unchanged.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "clinic.person.mixin"]

    # Every capture (API, web form) and every lead saved by staff looks patients and
    # guardians up by these (crm_lead._clinic_find_partner_matches); Odoo indexes
    # them on crm.lead but not on res.partner, so each lookup scanned the table.
    email_normalized = fields.Char(index="btree_not_null")
    phone_sanitized = fields.Char(index="btree_not_null")
    clinic_birthdate = fields.Date(index="btree_not_null")

    clinic_is_patient = fields.Boolean(string="Patient", index=True, tracking=True)
    clinic_patient_ref = fields.Char(
        string="Patient Reference", copy=False, readonly=True, index=True, tracking=True
    )
    clinic_guardian_link_ids = fields.One2many(
        "clinic.patient.guardian", "patient_id", string="Guardians"
    )
    clinic_ward_link_ids = fields.One2many(
        "clinic.patient.guardian", "guardian_id", string="Guardian of"
    )
    clinic_is_guardian = fields.Boolean(
        string="Guardian", compute="_compute_clinic_is_guardian", store=True, index=True
    )
    clinic_is_practitioner = fields.Boolean(string="Practitioner", index=True, tracking=True)
    clinic_practitioner_role_id = fields.Many2one(
        "clinic.practitioner.role", string="Practitioner Role", tracking=True
    )
    clinic_lead_ids = fields.One2many("crm.lead", "clinic_patient_id", string="Clinic Leads")
    clinic_lead_count = fields.Integer(string="Leads", compute="_compute_clinic_lead_count")
    clinic_matching_lead_ids = fields.Many2many(
        "crm.lead",
        string="Matching Leads",
        compute="_compute_clinic_matching_lead_ids",
        help="Open leads with this patient's e-mail, phone, or name and birthdate.",
    )

    # Timeline: the chatter of the patient and of all their leads and opportunities, in
    # one place (Chorus: the timeline a patient shares with its opportunities). Read
    # from mail.message and mail.activity as the user: what a role may not read (another
    # location's lead, families' texts for Billing and Read Only) stays out.
    clinic_timeline_message_ids = fields.Many2many(
        "mail.message",
        string="History",
        compute="_compute_clinic_timeline",
        groups=CLINIC_STAFF,
    )
    clinic_timeline_activity_ids = fields.Many2many(
        "mail.activity",
        string="Planned",
        compute="_compute_clinic_timeline",
        groups=CLINIC_STAFF,
    )

    clinic_salutation = fields.Char(
        compute="_compute_clinic_salutation",
        help="How letters greet this person: 'Dr. Whitaker' for 'Dr. Alan Whitaker, DDS'.",
    )

    _clinic_patient_ref_unique = models.Constraint(
        "UNIQUE(clinic_patient_ref)", "This patient reference is already used."
    )

    @api.constrains("clinic_address_type", "parent_id", "active")
    def _check_clinic_one_billing_address(self):
        """A patient has one billing address at a time: their own address or one of
        their addresses (child contacts) is the billing one, never two."""
        billing = ("billing", "both")
        for partner in self.filtered(lambda p: p.clinic_address_type in billing):
            person = partner.parent_id or partner
            # sudo: every address counts, also those the user's locations hide.
            billed = self.sudo().search(
                [
                    "|",
                    ("id", "=", person.id),
                    ("parent_id", "=", person.id),
                    ("clinic_address_type", "in", billing),
                ]
            )
            if len(billed) > 1:
                other = (billed - partner)[:1]
                raise ValidationError(
                    self.env._(
                        "%(person)s already has a billing address (%(address)s): a patient "
                        "has one billing address at a time. Make that one a service "
                        "address first.",
                        person=person.display_name,
                        address=other.clinic_location_description
                        or other.contact_address.strip()
                        or other.display_name,
                    )
                )

    @api.depends("name", "is_company")
    def _compute_clinic_salutation(self):
        for partner in self:
            partner.clinic_salutation = salutation_name(partner.name, partner.is_company)

    @api.depends("clinic_ward_link_ids")
    def _compute_clinic_is_guardian(self):
        for partner in self:
            partner.clinic_is_guardian = bool(partner.clinic_ward_link_ids)

    def _compute_clinic_lead_count(self):
        data = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("clinic_patient_id", "in", self.ids)], ["clinic_patient_id"], ["__count"]
            )
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.clinic_lead_count = counts.get(partner.id, 0)

    def _clinic_timeline_records(self):
        """(model, ids) of the records whose chatter makes this patient's timeline: the
        patient and every lead and opportunity of theirs, lost or archived ones too."""
        self.ensure_one()
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("clinic_patient_id", "=", self.id)])
        )
        return [("res.partner", [self.id]), ("crm.lead", leads.ids)]

    @api.depends_context("uid")
    def _compute_clinic_timeline(self):
        Message = self.env["mail.message"]
        Activity = self.env["mail.activity"]
        for partner in self:
            if not partner._origin.id:
                partner.clinic_timeline_message_ids = Message
                partner.clinic_timeline_activity_ids = Activity
                continue
            records = partner._origin._clinic_timeline_records()
            on_messages = Domain.OR(
                [
                    Domain("model", "=", model) & Domain("res_id", "in", ids)
                    for model, ids in records
                ]
            )
            on_activities = Domain.OR(
                [
                    Domain("res_model", "=", model) & Domain("res_id", "in", ids)
                    for model, ids in records
                ]
            )
            # As the user: mail.message and mail.activity keep out what the user may not
            # read (the documents' access and rules, e.g. families' texts).
            partner.clinic_timeline_message_ids = Message.search(
                on_messages & Domain("message_type", "!=", "user_notification"),
                order="date desc, id desc",
                limit=TIMELINE_LIMIT,
            )
            partner.clinic_timeline_activity_ids = Activity.search(
                on_activities, order="date_deadline, id"
            )

    def _compute_clinic_matching_lead_ids(self):
        Lead = self.env["crm.lead"]
        for partner in self:
            partner.clinic_matching_lead_ids = (
                Lead._clinic_leads_matching_partner(partner) if partner.clinic_is_patient else Lead
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("clinic_is_patient") and not vals.get("clinic_patient_ref"):
                vals["clinic_patient_ref"] = self.env["ir.sequence"].next_by_code("clinic.patient")
            # A patient without a company would be visible to every clinic of the database
            # (Odoo's partner rule lets company-less contacts through).
            if vals.get("clinic_is_patient") and "company_id" not in vals:
                vals["company_id"] = self.env.company.id
        partners = super().create(vals_list)
        patients = partners.filtered("clinic_is_patient")
        if patients:
            patients._clinic_flag_matching_leads()
        return partners

    def write(self, vals):
        if vals.get("clinic_is_patient"):
            for partner in self.filtered(lambda p: not p.clinic_patient_ref):
                partner.clinic_patient_ref = self.env["ir.sequence"].next_by_code("clinic.patient")
        return super().write(vals)

    def _clinic_flag_matching_leads(self):
        """A new patient may already have open leads: mark them "existing patient"."""
        converting = self.env.context.get("clinic_converting_lead_ids") or []
        for patient in self:
            leads = self.env["crm.lead"]._clinic_leads_matching_partner(patient)
            leads = leads.filtered(
                lambda lead: not lead.clinic_is_existing_patient and lead.id not in converting
            )
            if leads:
                leads.clinic_is_existing_patient = True
                for lead in leads:
                    lead._message_log(
                        body=self.env._(
                            "Matches patient %(patient)s (%(ref)s): review and link.",
                            patient=patient.name,
                            ref=patient.clinic_patient_ref,
                        )
                    )

    def action_clinic_link_to_lead(self):
        """ "Link" button of a lead's possible matches: link this partner to that lead."""
        self.ensure_one()
        lead = self.env["crm.lead"].browse(self.env.context.get("clinic_lead_id"))
        if not lead.exists():
            raise ValidationError(self.env._("Open the lead to link this match to it."))
        return lead.with_context(clinic_partner_id=self.id).action_clinic_link_partner()

    def action_clinic_timeline(self):
        """The patient's timeline: their messages and activities and those of all their
        leads and opportunities, newest first."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Timeline – %(patient)s", patient=self.display_name),
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("crm_ortho_onboarding.res_partner_view_form_clinic_timeline").id,
                    "form",
                )
            ],
            "target": "current",
        }

    def action_clinic_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            domain=[("clinic_patient_id", "=", self.id)],
            context={"active_test": False, "default_clinic_patient_id": self.id},
        )
        return action
