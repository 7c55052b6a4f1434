# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public lead capture: website forms and the Create Lead API share this code."""

import re
from datetime import date, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import plaintext2html

from odoo.addons.crm_ortho_onboarding.models.clinic_tools import (
    normalize_email,
    normalize_phone,
    npi_is_valid,
)
from odoo.addons.crm_ortho_onboarding.models.crm_lead import ORTHO_CONCERNS

# Chorus' Create Lead parameters, then the JSON API's additions.
CHORUS_FIELDS = (
    "subscriptionkey",
    "leadtype",
    "firstName",
    "lastName",
    "email",
    "primaryContactFirstName",
    "primaryContactLastName",
    "phone",
    "state",
    "address1_postalcode",
    "message",
    "hasDiagnosis",
    "marketingSourceId",
)
EXTRA_FIELDS = (
    "birthdate",
    "concern",
    "insurance",
    "location",
    "role",
    "npi",
    "utm_campaign",
    "utm_medium",
    "utm_source",
    "consentPhone",
    "consentSms",
    "consentEmail",
    "consentText",
)
BOOLEAN_FIELDS = ("hasDiagnosis", "consentPhone", "consentSms", "consentEmail")
MAX_LENGTHS = {
    "email": 254,
    "phone": 40,
    "state": 60,
    "address1_postalcode": 12,
    "message": 5000,
    "consentText": 2000,
    "marketingSourceId": 64,
    "birthdate": 10,
    "npi": 10,
}
DEFAULT_MAX_LENGTH = 100
TRUE_WORDS = ("true", "1", "yes", "y", "on")
FALSE_WORDS = ("false", "0", "no", "n", "off")
US_ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
OTHER_ZIP_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$")
# Control characters other than tab and newlines: never part of a name or a message.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


class CrmLead(models.Model):
    """Lead capture from the public: what a submission becomes, in one place."""

    _inherit = "crm.lead"

    clinic_lead_ref = fields.Char(
        string="Reference",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Given to web and API submissions; the sender can quote it.",
    )
    clinic_capture_channel = fields.Selection(
        [("web", "Website form"), ("api", "API")],
        string="Received Through",
        copy=False,
        readonly=True,
    )
    clinic_api_key_id = fields.Many2one(
        "clinic.api.key", string="API Key", copy=False, readonly=True
    )
    clinic_consent_phone = fields.Boolean(string="Consents to Calls", tracking=True)
    clinic_consent_sms = fields.Boolean(string="Consents to Texts", tracking=True)
    clinic_consent_email = fields.Boolean(string="Consents to E-mails", tracking=True)
    clinic_consent_text = fields.Text(
        string="Consent Wording", readonly=True, help="The words the person agreed to."
    )
    clinic_consent_date = fields.Datetime(string="Consent Given On", readonly=True)

    # ------------------------------------------------------------------
    # Validation of a submission
    # ------------------------------------------------------------------

    @api.model
    def _clinic_capture_prepare(self, payload, key=None):
        """Check a submission and turn it into lead values.

        ``payload`` uses the API's names (Chorus' plus the JSON additions). Returns
        ``(vals, errors)``; errors are ``{"field", "message"}`` dicts in the
        visitor's words, and no value is echoed back.
        """
        # Refused values are left out of ``clean``; checking the rest too gives the
        # caller every problem at once.
        clean, errors = self._clinic_capture_clean(payload)
        refused = {error["field"] for error in errors}
        first = len(errors)
        vals = {"type": "lead"}
        for prepare in (
            self._clinic_capture_person_vals,
            self._clinic_capture_address_vals,
            self._clinic_capture_detail_vals,
            self._clinic_capture_consent_vals,
        ):
            vals.update(prepare(clean, errors))
        vals.update(self._clinic_capture_origin_vals(clean, key, errors))
        if errors:
            # A refused field is reported once, with the first reason.
            later = [error for error in errors[first:] if error["field"] not in refused]
            return {}, errors[:first] + later
        return {k: v for k, v in vals.items() if v is not None}, []

    @api.model
    def _clinic_capture_clean(self, payload):
        """Typed, trimmed values; refuses wrong types, oversized and unprintable text."""
        clean, errors = {}, []
        for name, value in payload.items():
            if name == "subscriptionkey" or value is None or value == "":
                continue
            if name in BOOLEAN_FIELDS:
                parsed = self._clinic_parse_bool(value)
                if parsed is None:
                    errors.append({"field": name, "message": self.env._("must be true or false.")})
                else:
                    clean[name] = parsed
                continue
            message = None
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                message = self.env._("must be text.")
            else:
                value = str(value).strip()
                limit = MAX_LENGTHS.get(name, DEFAULT_MAX_LENGTH)
                if len(value) > limit:
                    message = self.env._("is too long (at most %(limit)s characters).", limit=limit)
                elif CONTROL_RE.search(value) or not self._clinic_is_encodable(value):
                    message = self.env._("contains characters that are not allowed.")
            if message:
                errors.append({"field": name, "message": message})
            elif value:
                clean[name] = value
        return clean, errors

    @api.model
    def _clinic_capture_person_vals(self, clean, errors):
        lead_type = (clean.get("leadtype") or "").lower()
        if lead_type not in ("patient", "practitioner"):
            errors.append(
                {"field": "leadtype", "message": self.env._("must be Patient or Practitioner.")}
            )
        if not (clean.get("firstName") or clean.get("lastName")):
            errors.append(
                {"field": "firstName", "message": self.env._("enter a first or last name.")}
            )
        vals = {
            "clinic_lead_type": lead_type if lead_type == "practitioner" else "patient",
            "clinic_first_name": clean.get("firstName"),
            "clinic_last_name": clean.get("lastName"),
            "clinic_contact_first_name": clean.get("primaryContactFirstName"),
            "clinic_contact_last_name": clean.get("primaryContactLastName"),
        }
        country = self._clinic_capture_country()
        if clean.get("email"):
            vals["email_from"] = normalize_email(clean["email"])
            if not vals["email_from"]:
                errors.append(
                    {"field": "email", "message": self.env._("is not a valid e-mail address.")}
                )
        if clean.get("phone"):
            vals["phone"] = normalize_phone(clean["phone"], country.code)
            if not vals["phone"]:
                errors.append(
                    {"field": "phone", "message": self.env._("is not a valid phone number.")}
                )
        if not (clean.get("email") or clean.get("phone")):
            errors.append(
                {
                    "field": "email",
                    "message": self.env._("give an e-mail address or a phone number."),
                }
            )
        return vals

    @api.model
    def _clinic_capture_country(self):
        return self.env.company.country_id or self.env.ref("base.us")

    @api.model
    def _clinic_capture_address_vals(self, clean, errors):
        country = self._clinic_capture_country()
        vals = {"country_id": country.id}
        if clean.get("state"):
            state = self.env["res.country.state"].search(
                [
                    ("country_id", "=", country.id),
                    "|",
                    ("code", "=ilike", clean["state"]),
                    ("name", "=ilike", clean["state"]),
                ],
                limit=1,
            )
            vals["state_id"] = state.id
            if not state:
                errors.append(
                    {
                        "field": "state",
                        "message": self.env._(
                            "is not a state of %(country)s.", country=country.name
                        ),
                    }
                )
        if zip_code := clean.get("address1_postalcode"):
            pattern = US_ZIP_RE if country.code == "US" else OTHER_ZIP_RE
            vals["zip"] = zip_code
            if not pattern.match(zip_code):
                errors.append(
                    {
                        "field": "address1_postalcode",
                        "message": self.env._("is not a valid ZIP code."),
                    }
                )
        return vals

    @api.model
    def _clinic_capture_origin_vals(self, clean, key, errors):
        """Marketing source, medium, campaign and pipeline."""
        source = key.source_id if key else self.env["utm.source"]
        if clean.get("marketingSourceId"):
            source = self.env["utm.source"]._clinic_find_by_reference(clean["marketingSourceId"])
            if not source:
                errors.append(
                    {
                        "field": "marketingSourceId",
                        "message": self.env._("is not a known marketing source."),
                    }
                )
        elif clean.get("utm_source"):
            named = self.env["utm.source"].search(
                [("name", "=ilike", clean["utm_source"])], limit=1
            )
            source = named or source
        medium = self.env["utm.medium"]._fetch_or_create_utm_medium("website")
        if clean.get("utm_medium"):
            named = self.env["utm.medium"].search(
                [("name", "=ilike", clean["utm_medium"])], limit=1
            )
            medium = named or medium
        vals = {"source_id": source.id or False, "medium_id": medium.id}
        if clean.get("utm_campaign"):
            # Only existing campaigns: the public must not fill the campaign list.
            campaign = self.env["utm.campaign"].search(
                [("name", "=ilike", clean["utm_campaign"])], limit=1
            )
            vals["campaign_id"] = campaign.id or None
        lead_type = (clean.get("leadtype") or "").lower()
        team = key.team_id if key else self.env["crm.team"]
        if team.clinic_pipeline_type:
            team_type = "practitioner" if team.clinic_pipeline_type == "practitioner" else "patient"
            if lead_type in ("patient", "practitioner") and lead_type != team_type:
                errors.append(
                    {
                        "field": "leadtype",
                        "message": self.env._(
                            "this key only accepts %(type)s leads.", type=team_type
                        ),
                    }
                )
        vals["team_id"] = (team or self._clinic_capture_default_team(lead_type)).id or False
        return vals

    @api.model
    def _clinic_capture_detail_vals(self, clean, errors):
        """The case: message, diagnosis, birthdate, concern, insurance, role, NPI, location."""
        vals = {}
        if clean.get("message"):
            vals["description"] = plaintext2html(clean["message"])
        if "hasDiagnosis" in clean:
            vals["clinic_has_diagnosis"] = clean["hasDiagnosis"]
        if clean.get("insurance"):
            vals["clinic_insurance_carrier"] = clean["insurance"]
        if clean.get("birthdate"):
            vals["clinic_birthdate"] = self._clinic_parse_birthdate(clean["birthdate"])
            if not vals["clinic_birthdate"]:
                errors.append(
                    {
                        "field": "birthdate",
                        "message": self.env._("must be a past date written YYYY-MM-DD."),
                    }
                )
        concerns = dict(ORTHO_CONCERNS)
        checks = (
            (
                "concern",
                "clinic_concern",
                lambda v: v if v in concerns else None,
                self.env._("must be one of %(values)s.", values=", ".join(concerns)),
            ),
            (
                "npi",
                "clinic_npi",
                lambda v: v if npi_is_valid(v) else None,
                self.env._("is not a valid NPI number."),
            ),
            (
                "role",
                "clinic_practitioner_role_id",
                lambda v: self._clinic_find_named("clinic.practitioner.role", v).id,
                self.env._("is not a role we recruit for."),
            ),
            (
                "location",
                "clinic_preferred_team_ids",
                lambda v: (
                    self._clinic_find_named(
                        "crm.team", v, [("clinic_pipeline_type", "!=", False)]
                    ).ids
                ),
                self.env._("is not one of our locations."),
            ),
        )
        for name, fname, convert, message in checks:
            if clean.get(name):
                value = convert(clean[name])
                if not value:
                    errors.append({"field": name, "message": message})
                elif fname == "clinic_preferred_team_ids":
                    vals[fname] = [fields.Command.set(value)]
                else:
                    vals[fname] = value
        return vals

    @api.model
    def _clinic_parse_birthdate(self, value):
        try:
            birthdate = date.fromisoformat(value)
        except ValueError:
            return None
        if birthdate > fields.Date.context_today(self) or birthdate.year < 1900:
            return None
        return birthdate

    @api.model
    def _clinic_capture_consent_vals(self, clean, errors):
        vals = {
            "clinic_consent_phone": clean.get("consentPhone", False),
            "clinic_consent_sms": clean.get("consentSms", False),
            "clinic_consent_email": clean.get("consentEmail", False),
        }
        if any(vals.values()):
            if not clean.get("consentText"):
                errors.append(
                    {
                        "field": "consentText",
                        "message": self.env._("give the consent wording the person agreed to."),
                    }
                )
            vals["clinic_consent_text"] = clean.get("consentText")
            vals["clinic_consent_date"] = fields.Datetime.now()
        return vals

    @api.model
    def _clinic_consent_wording(self):
        """What the website form asks the visitor to agree to (stored on the lead)."""
        return self.env._(
            "I agree that %(clinic)s may contact me about this request by the means I ticked "
            "(phone calls, text messages, e-mails), including automated reminders. Message and "
            "data rates may apply. I can withdraw this consent at any time.",
            clinic=self.env.company.name,
        )

    @api.model
    def _clinic_parse_bool(self, value):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
            return value.strip().lower() in TRUE_WORDS
        return None

    @api.model
    def _clinic_is_encodable(self, value):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from JSON "\ud800"
            return False
        return True

    @api.model
    def _clinic_find_named(self, model, reference, domain=None):
        """A record of ``model`` by id or (case-insensitive) name."""
        domain = list(domain or [])
        # ASCII only: isdigit() accepts '²', which int() refuses; ids fit in 9 digits.
        if reference.isascii() and reference.isdigit() and len(reference) < 10:
            return self.env[model].search(domain + [("id", "=", int(reference))], limit=1)
        return self.env[model].search(domain + [("name", "=ilike", reference)], limit=1)

    @api.model
    def _clinic_capture_default_team(self, lead_type):
        pipeline = "practitioner" if lead_type == "practitioner" else "ortho"
        return self.env["crm.team"].search([("clinic_pipeline_type", "=", pipeline)], limit=1)

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------

    @api.model
    def _clinic_capture_submit(self, vals, channel, key=None, idempotency_key=None):
        """Create the lead of a validated submission, or find the one it repeats.

        Runs as superuser (the caller checked the key or the form's defences).
        Returns a dict: ``result`` (created, duplicate or linked), ``lead``,
        ``partner`` (an existing patient) and ``reference``. Repeats within the
        dedupe window return the recent lead; a submission about an open lead
        or an existing patient adds a note and an activity there instead of a
        new card.
        """
        lead_model = self.sudo()
        email = vals.get("email_from")
        phone = vals.get("phone")
        key_tag = str(key.id) if key else "web"
        lead_model.env["clinic.capture.lock"]._clinic_lock(
            [
                email and f"email:{email}",
                phone and f"phone:{phone}",
                idempotency_key and f"idem:{key_tag}:{idempotency_key}",
            ]
        )
        if idempotency_key and key:
            previous = lead_model.env["clinic.capture.log"].search(
                [
                    ("key_id", "=", key.id),
                    ("idempotency_key", "=", idempotency_key),
                    ("reference", "!=", False),
                ],
                limit=1,
            )
            if previous:
                return {
                    "result": "duplicate",
                    "lead": previous.lead_id,
                    "partner": previous.partner_id,
                    "reference": previous.reference,
                    "replay": True,
                }
        open_leads = lead_model._clinic_capture_open_leads(vals)
        window = int(
            lead_model.env["ir.config_parameter"].get_param(
                "crm_ortho_onboarding.capture_dedupe_minutes", "60"
            )
        )
        since = lead_model.env.cr.now() - timedelta(minutes=window)
        recent = open_leads.filtered(lambda lead: lead.create_date >= since)
        if recent:
            lead = recent[0]
            return {"result": "duplicate", "lead": lead, "reference": lead._clinic_capture_ref()}
        if open_leads:
            lead = open_leads[0]
            lead._clinic_capture_followup(vals, channel)
            return {"result": "linked", "lead": lead, "reference": lead._clinic_capture_ref()}
        patient = lead_model._clinic_capture_patient(vals)
        if patient:
            reference = lead_model.env["ir.sequence"].next_by_code("clinic.lead.capture")
            lead_model._clinic_capture_followup_patient(patient, vals, channel, reference)
            return {"result": "linked", "partner": patient, "reference": reference}
        lead = lead_model._clinic_capture_create(vals, channel, key)
        return {"result": "created", "lead": lead, "reference": lead.clinic_lead_ref}

    def _clinic_capture_ref(self):
        """The lead's reference; leads entered by staff get one when first quoted."""
        self.ensure_one()
        if not self.clinic_lead_ref:
            self.clinic_lead_ref = self.env["ir.sequence"].next_by_code("clinic.lead.capture")
        return self.clinic_lead_ref

    @api.model
    def _clinic_capture_open_leads(self, vals):
        """Open leads about the same person: same e-mail or phone and the same name."""
        contact = []
        if vals.get("email_from"):
            contact.append(Domain("email_normalized", "=", vals["email_from"]))
        if vals.get("phone"):
            contact.append(Domain("phone_sanitized", "=", vals["phone"]))
        if not contact:
            return self.browse()
        leads = self.search(
            Domain.OR(contact)
            & Domain("clinic_lead_type", "=", vals["clinic_lead_type"])
            & Domain("won_status", "=", "pending"),
            order="create_date desc, id desc",
            limit=20,
        )
        name = " ".join(
            p for p in (vals.get("clinic_first_name"), vals.get("clinic_last_name")) if p
        ).lower()
        return leads.filtered(lambda lead: lead._clinic_person_name().lower() == name)

    @api.model
    def _clinic_capture_patient(self, vals):
        """The existing patient this submission is about, if any (same matching as staff)."""
        candidate = self.new(
            {
                k: vals.get(k)
                for k in (
                    "email_from",
                    "phone",
                    "clinic_first_name",
                    "clinic_last_name",
                    "clinic_birthdate",
                    "clinic_lead_type",
                )
            }
        )
        if candidate.clinic_lead_type != "patient":
            return self.env["res.partner"]
        partners = candidate._clinic_find_partner_matches()
        patients = partners.filtered(
            lambda p: (
                p.clinic_is_patient
                and (
                    candidate._clinic_is_person(p)
                    or (
                        not vals.get("clinic_birthdate")
                        and candidate._clinic_person_name().lower() == (p.name or "").lower()
                    )
                )
            )
        )
        return patients[:1]

    @api.model
    def _clinic_capture_create(self, vals, channel, key):
        vals = dict(
            vals,
            clinic_lead_ref=self.env["ir.sequence"].next_by_code("clinic.lead.capture"),
            clinic_capture_channel="web" if channel == "web" else "api",
            clinic_api_key_id=key.id if key else False,
        )
        if key:
            vals["company_id"] = key.company_id.id
        # The first-contact activity shows at once in the owner's activity menu; skipping
        # Odoo's "activity assigned" e-mail keeps a burst of web leads from becoming a
        # burst of rendered e-mails.
        lead = self.with_context(
            clinic_capture_channel=vals["clinic_capture_channel"],
            mail_create_nosubscribe=True,
            mail_activity_quick_update=True,
        ).create(vals)
        if key and key.auto_reply_mail_template_id and lead.email_from:
            lead.message_post_with_source(
                key.auto_reply_mail_template_id, subtype_xmlid="mail.mt_comment"
            )
        if key and key.auto_reply_sms_template_id and lead.phone:
            lead._message_sms_with_template(template=key.auto_reply_sms_template_id)
        return lead

    def _clinic_capture_summary(self, vals, channel):
        """The new submission as a note (escaped: public input is stored inertly)."""
        labels = [
            (
                self.env._("Received through"),
                dict(self._fields["clinic_capture_channel"].selection).get(
                    "web" if channel == "web" else "api"
                ),
            ),
            (
                self.env._("Name"),
                " ".join(
                    filter(None, (vals.get("clinic_first_name"), vals.get("clinic_last_name")))
                ),
            ),
            (self.env._("E-mail"), vals.get("email_from")),
            (self.env._("Phone"), vals.get("phone")),
        ]
        lines = Markup("<br/>").join(
            Markup("%s: %s") % (label, value) for label, value in labels if value
        )
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._("The same person sent a new inquiry."),
            lines,
        )
        if vals.get("description"):
            body += Markup(vals["description"])
        return body

    def _clinic_capture_followup(self, vals, channel):
        """A repeat inquiry on an open lead: note it and ask the owner to call back."""
        self.ensure_one()
        self.message_post(
            body=self._clinic_capture_summary(vals, channel), subtype_xmlid="mail.mt_note"
        )
        self.activity_schedule(
            "mail.mail_activity_data_call",
            summary=self.env._("New inquiry from the same person"),
            user_id=(self.user_id or self.team_id.user_id or self.env.ref("base.user_admin")).id,
        )

    @api.model
    def _clinic_capture_followup_patient(self, patient, vals, channel, reference):
        """An inquiry from an existing patient goes on the patient, not on a new card."""
        body = self._clinic_capture_summary(vals, channel) + Markup("<p>%s</p>") % reference
        patient.message_post(body=body, subtype_xmlid="mail.mt_note")
        team = self.env["crm.team"].browse(vals.get("team_id"))
        owner = patient.user_id or team.user_id or self.env.ref("base.user_admin")
        patient.activity_schedule(
            "mail.mail_activity_data_call",
            summary=self.env._("New inquiry from an existing patient"),
            user_id=owner.id,
        )

    @api.model
    def _clinic_capture_error_messages(self, exc):
        """Words for a refusal raised by the lead's own rules (constraints)."""
        if isinstance(exc, (ValidationError, UserError)):
            return [{"field": None, "message": str(exc.args[0])}]
        return [{"field": None, "message": self.env._("The submission could not be processed.")}]
