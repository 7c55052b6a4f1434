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

from .clinic_capture_log import FOLLOWUP_KEYS

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
# A phone the clinic can try to call: at least this many digits, even if it does not parse.
MIN_PHONE_DIGITS = 7
# The submission's names, in the words of the lead form (the check block and the to-do).
FIELD_LABELS = {
    "leadtype": "Lead type",
    "firstName": "First name",
    "lastName": "Last name",
    "email": "E-mail",
    "primaryContactFirstName": "Contact first name",
    "primaryContactLastName": "Contact last name",
    "phone": "Phone",
    "state": "State",
    "address1_postalcode": "ZIP code",
    "message": "Message",
    "hasDiagnosis": "Has a diagnosis",
    "marketingSourceId": "Marketing source",
    "birthdate": "Birthdate",
    "concern": "Concern",
    "insurance": "Insurance",
    "location": "Location",
    "role": "Role",
    "npi": "NPI",
    "consentPhone": "Consents to calls",
    "consentSms": "Consents to texts",
    "consentEmail": "Consents to e-mails",
    "consentText": "Consent wording",
    "resume": "Résumé",
    "files": "Attached files",
}


def phone_digits(value):
    return sum(char.isdigit() for char in value or "")


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
    clinic_capture_flagged = fields.Boolean(
        string="To Check on First Contact",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Some values sent with this inquiry did not pass our checks: they are kept as "
        "sent in “Check on first contact”. Confirm them with the person, then mark them checked.",
    )
    clinic_capture_check = fields.Text(
        string="Check on First Contact",
        copy=False,
        readonly=True,
        help="The values that did not pass our checks, exactly as the person sent them.",
    )

    # Repeats of a submission whose phone does not parse are found by the number as typed
    # (phone_sanitized is empty for them): a small partial index keeps that lookup a probe.
    _clinic_raw_phone_idx = models.Index(
        "(phone) WHERE phone_sanitized IS NULL AND phone IS NOT NULL"
    )

    def action_clinic_capture_checked(self):
        """The coordinator confirmed the flagged values with the person."""
        self.check_access("write")
        flagged = self.filtered("clinic_capture_flagged")
        flagged.sudo().write({"clinic_capture_flagged": False})
        for lead in flagged:
            lead.message_post(
                body=self.env._("The values to check on first contact were checked."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _clinic_normalize_vals(self, vals):
        """A capture keeps a phone that does not parse as typed (it is flagged for the
        first call) instead of refusing the person; staff edits keep the core's rule."""
        phone = vals.get("phone")
        if (
            self.env.context.get("clinic_capture_keep_phone")
            and isinstance(phone, str)
            and not normalize_phone(phone, self.env.company.country_id.code or "US")
        ):
            vals.pop("phone")
            try:
                return super()._clinic_normalize_vals(vals)
            finally:
                vals["phone"] = phone
        return super()._clinic_normalize_vals(vals)

    # ------------------------------------------------------------------
    # Validation of a submission
    # ------------------------------------------------------------------
    #
    # A submission that names a person and gives one way to reach them always becomes
    # a lead: a value that fails a check is kept as sent, in the lead's "Check on first
    # contact" block, and reported to the caller as a warning. Only an unreachable or
    # unnamed person and malformed input (wrong types, oversized or unprintable text)
    # are refused.

    @api.model
    def _clinic_capture_prepare(self, payload, key=None):
        """Check a submission and turn it into lead values.

        Returns ``(vals, errors)``: ``errors`` (refusals) are ``{"field", "message"}``
        dicts in the visitor's words, with no value echoed back; when there are none,
        ``vals`` holds the lead's values, the flagged ones included.
        """
        vals, errors, _warnings = self._clinic_capture_validate(payload, key)
        return vals, errors

    @api.model
    def _clinic_capture_validate(self, payload, key=None, extra=()):
        """``(vals, errors, warnings)``: refusals, and the values kept to check.

        ``warnings`` are ``{"field", "message"}`` dicts; the lead values carry them
        (with the values as sent) in ``clinic_capture_check``. ``extra``: problems
        the route found itself (a file it did not keep), made by
        ``_clinic_capture_warn``.
        """
        # Refused values are left out of ``clean``; checking the rest too gives the
        # caller every problem at once.
        clean, problems = self._clinic_capture_clean(payload)
        problems += list(extra)
        vals = {"type": "lead"}
        for prepare in (
            self._clinic_capture_person_vals,
            self._clinic_capture_address_vals,
            self._clinic_capture_detail_vals,
            self._clinic_capture_consent_vals,
        ):
            vals.update(prepare(clean, problems))
        vals.update(self._clinic_capture_origin_vals(clean, key, problems))
        errors, warnings, seen = [], [], set()
        for problem in problems:
            # A field is reported once, with its first reason.
            if problem["field"] and problem["field"] in seen:
                continue
            seen.add(problem["field"])
            (warnings if "value" in problem else errors).append(problem)
        if errors:
            return {}, [{"field": e["field"], "message": e["message"]} for e in errors], []
        vals = {k: v for k, v in vals.items() if v is not None}
        vals.update(self._clinic_capture_check_vals(warnings))
        return vals, [], [{"field": w["field"], "message": w["message"]} for w in warnings]

    @api.model
    def _clinic_capture_warn(self, problems, field, message, value):
        """Record a value that failed a check: kept as sent, flagged, never refused."""
        problems.append({"field": field, "message": message, "value": value})

    @api.model
    def _clinic_capture_check_vals(self, warnings):
        """The "check on first contact" block: each flagged field with its value as sent."""
        if not warnings:
            return {}
        lines = [
            self.env._(
                "%(label)s: “%(value)s” (%(message)s)",
                label=FIELD_LABELS.get(w["field"], w["field"]),
                value=w["value"],
                message=w["message"].rstrip("."),
            )
            for w in warnings
        ]
        return {"clinic_capture_flagged": True, "clinic_capture_check": "\n".join(lines)}

    @api.model
    def _clinic_capture_forbidden(self, names):
        """Names a caller sent that are lead fields of ours to set, never the caller's
        (owner, pipeline, stage, company, partner, probability, priority, scores, status…)."""
        allowed = set(CHORUS_FIELDS) | set(EXTRA_FIELDS)
        return sorted(
            name
            for name in names
            if isinstance(name, str) and name in self._fields and name not in allowed
        )

    @api.model
    def _clinic_capture_clean(self, payload):
        """Typed, trimmed values; refuses wrong types, oversized and unprintable text."""
        clean, errors = {}, []
        for name, value in payload.items():
            if name == "subscriptionkey" or value is None or value == "":
                continue
            if name in BOOLEAN_FIELDS:
                parsed = self._clinic_parse_bool(value)
                if parsed is not None:
                    clean[name] = parsed
                elif isinstance(value, str) and len(value) <= DEFAULT_MAX_LENGTH:
                    self._clinic_capture_warn(
                        errors, name, self.env._("must be true or false."), value.strip()
                    )
                else:
                    errors.append({"field": name, "message": self.env._("must be true or false.")})
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
        if clean.get("leadtype") and lead_type not in ("patient", "practitioner"):
            self._clinic_capture_warn(
                errors,
                "leadtype",
                self.env._("must be Patient or Practitioner; taken as Patient."),
                clean["leadtype"],
            )
        if not (clean.get("firstName") or clean.get("lastName")):
            errors.append(
                {"field": "firstName", "message": self.env._("enter a first or last name.")}
            )
        vals = {
            "clinic_lead_type": "practitioner" if lead_type == "practitioner" else "patient",
            "clinic_first_name": clean.get("firstName"),
            "clinic_last_name": clean.get("lastName"),
            "clinic_contact_first_name": clean.get("primaryContactFirstName"),
            "clinic_contact_last_name": clean.get("primaryContactLastName"),
        }
        country = self._clinic_capture_country()
        reachable = False
        if clean.get("email"):
            vals["email_from"] = normalize_email(clean["email"])
            reachable = bool(vals["email_from"])
            if not reachable:
                self._clinic_capture_warn(
                    errors, "email", self.env._("is not a valid e-mail address."), clean["email"]
                )
        if clean.get("phone"):
            vals["phone"] = normalize_phone(clean["phone"], country.code)
            if not vals["phone"]:
                # Kept as typed when someone can dial it: a local number without its
                # area code, a fictional 555 number… the first call will tell.
                if phone_digits(clean["phone"]) >= MIN_PHONE_DIGITS:
                    vals["phone"] = clean["phone"]
                    reachable = True
                self._clinic_capture_warn(
                    errors, "phone", self.env._("is not a valid phone number."), clean["phone"]
                )
            else:
                reachable = True
        if not reachable:
            # Nobody to call back: refused, with the reason on each contact field.
            for problem in errors:
                if problem["field"] in ("email", "phone"):
                    problem.pop("value", None)
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
                self._clinic_capture_warn(
                    errors,
                    "state",
                    self.env._("is not a state of %(country)s.", country=country.name),
                    clean["state"],
                )
        if zip_code := clean.get("address1_postalcode"):
            pattern = US_ZIP_RE if country.code == "US" else OTHER_ZIP_RE
            # Kept in the ZIP field as sent: the coordinator corrects it there.
            vals["zip"] = zip_code
            if not pattern.match(zip_code):
                self._clinic_capture_warn(
                    errors, "address1_postalcode", self.env._("is not a valid ZIP code."), zip_code
                )
        return vals

    @api.model
    def _clinic_capture_origin_vals(self, clean, key, errors):
        """Marketing source, medium, campaign and pipeline."""
        source = key.source_id if key else self.env["utm.source"]
        if clean.get("marketingSourceId"):
            named = self.env["utm.source"]._clinic_find_by_reference(clean["marketingSourceId"])
            if named:
                source = named
            else:
                self._clinic_capture_warn(
                    errors,
                    "marketingSourceId",
                    self.env._("is not a known marketing source."),
                    clean["marketingSourceId"],
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
        if lead_type not in ("patient", "practitioner"):
            lead_type = "patient"
        team = key.team_id if key else self.env["crm.team"]
        if team.clinic_pipeline_type:
            team_type = "practitioner" if team.clinic_pipeline_type == "practitioner" else "patient"
            if lead_type != team_type:
                # Not lost: the lead goes to the pipeline of its own type, flagged.
                self._clinic_capture_warn(
                    errors,
                    "leadtype",
                    self.env._(
                        "this key sends %(type)s leads; this one went to the pipeline of its "
                        "own type.",
                        type=team_type,
                    ),
                    clean.get("leadtype") or lead_type,
                )
                team = self.env["crm.team"]
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
                self._clinic_capture_warn(
                    errors,
                    "birthdate",
                    self.env._("must be a past date written YYYY-MM-DD."),
                    clean["birthdate"],
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
                    self._clinic_capture_warn(errors, name, message, clean[name])
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
                # A consent is only as good as the words agreed to: without them none is
                # recorded, and the coordinator asks on the first call.
                given = ", ".join(
                    FIELD_LABELS[name]
                    for name in ("consentPhone", "consentSms", "consentEmail")
                    if clean.get(name)
                )
                self._clinic_capture_warn(
                    errors,
                    "consentText",
                    self.env._(
                        "no consent wording was sent, so no consent was recorded; ask the person."
                    ),
                    given,
                )
                return dict.fromkeys(vals, False)
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
        return self.env["crm.team"].search(
            [
                ("clinic_pipeline_type", "=", pipeline),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------

    @api.model
    def _clinic_capture_submit(self, vals, channel, key=None, idempotency_key=None):
        """Create the lead of a validated submission, or find the one it repeats.

        Runs as superuser (the caller checked the key or the form's defences), in the
        company of the key (or of the website): only that company's leads and patients
        are matched. Returns a dict: ``result`` (created, duplicate or linked), ``lead``,
        ``partner`` (an existing patient), ``reference`` (for staff), ``receipt`` (the
        opaque id answered to the caller, new each time, so an answer never tells
        whether the person was already known) and, for a repeat on an open lead or a
        patient, ``followup``: the note and call-back the after-capture job writes there
        (kept on the capture log row until then), instead of a new card.
        """
        # Notifications (auto-reply, followers) go to the mail queue: a capture answers
        # without waiting for a mail server, and a burst never holds two connections.
        lead_model = self.sudo().with_context(mail_notify_force_send=False)
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
                    ("receipt", "!=", False),
                ],
                limit=1,
            )
            if previous:
                # A retry of the same submission: the same receipt, nothing done again.
                return {
                    "result": "duplicate",
                    "lead": previous.lead_id,
                    "partner": previous.partner_id,
                    "reference": previous.reference,
                    "receipt": previous.receipt,
                    "replay": True,
                }
        receipt = lead_model.env["clinic.capture.log"]._clinic_new_receipt()
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
            return {
                "result": "duplicate",
                "lead": lead,
                "reference": lead._clinic_capture_ref(),
                "receipt": receipt,
            }
        if open_leads:
            lead = open_leads[0]
            return {
                "result": "linked",
                "lead": lead,
                "reference": lead._clinic_capture_ref(),
                "receipt": receipt,
                "followup": lead_model._clinic_capture_followup_payload(vals, channel),
            }
        patient = lead_model._clinic_capture_patient(vals)
        if patient:
            reference = lead_model.env["ir.sequence"].next_by_code("clinic.lead.capture")
            return {
                "result": "linked",
                "partner": patient,
                "reference": reference,
                "receipt": receipt,
                "followup": lead_model._clinic_capture_followup_payload(vals, channel),
            }
        lead = lead_model._clinic_capture_create(vals, channel, key)
        return {
            "result": "created",
            "lead": lead,
            "reference": lead.clinic_lead_ref,
            "receipt": receipt,
        }

    @api.model
    def _clinic_capture_followup_payload(self, vals, channel):
        """What a repeat inquiry's note and call-back need (JSON), for the after-capture job."""
        payload = {k: vals[k] for k in FOLLOWUP_KEYS if vals.get(k)}
        payload["channel"] = channel
        return payload

    def _clinic_capture_ref(self):
        """The lead's reference; leads entered by staff get one when first quoted."""
        self.ensure_one()
        if not self.clinic_lead_ref:
            self.clinic_lead_ref = self.env["ir.sequence"].next_by_code("clinic.lead.capture")
        return self.clinic_lead_ref

    @api.model
    def _clinic_capture_open_leads(self, vals):
        """Open leads about the same person of this company: same e-mail or phone and name."""
        contact = []
        if vals.get("email_from"):
            contact.append(Domain("email_normalized", "=", vals["email_from"]))
        if vals.get("phone"):
            country = self._clinic_capture_country().code
            if normalize_phone(vals["phone"], country) == vals["phone"]:
                contact.append(Domain("phone_sanitized", "=", vals["phone"]))
            else:
                # A number kept as typed (flagged): repeats are the same text.
                contact.append(
                    Domain("phone", "=", vals["phone"]) & Domain("phone_sanitized", "=", False)
                )
        if not contact:
            return self.browse()
        leads = self.search(
            Domain.OR(contact)
            & Domain("clinic_lead_type", "=", vals["clinic_lead_type"])
            & Domain("won_status", "=", "pending")
            # The key's (or the website's) company only: a submission to one clinic never
            # lands on, nor reveals, another clinic's lead.
            & Domain("company_id", "in", [self.env.company.id, False]),
            order="create_date desc, id desc",
            limit=20,
        )
        name = " ".join(
            p for p in (vals.get("clinic_first_name"), vals.get("clinic_last_name")) if p
        ).lower()
        return leads.filtered(lambda lead: lead._clinic_person_name().lower() == name)

    @api.model
    def _clinic_capture_patient(self, vals):
        """The existing patient of this company this submission is about, if any (same
        matching as staff)."""
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
            # The company is known (the key's or the website's): given, so the matching
            # does not compute a team and a company for this throwaway record.
            | {"company_id": self.env.company.id}
        )
        if candidate.clinic_lead_type != "patient":
            return self.env["res.partner"]
        # The core's matching looks only in the lead's company (here the key's): no
        # other clinic's patient is a candidate.
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
            clinic_capture_keep_phone=True,
            mail_create_nosubscribe=True,
            mail_activity_quick_update=True,
            mail_notify_force_send=False,
            # Odoo's "You have been assigned" to the owner is rendered and queued by the
            # after-capture job: no e-mail is written inside the capture request.
            mail_auto_subscribe_no_notify=True,
        ).create(vals)
        # The key's auto-reply e-mail and text go out from the after-capture job, never
        # from the request that answers the sender.
        return lead

    def _clinic_after_capture(self):
        # After the answer (the core's after-capture job), never inside the capture
        # request: the to-do naming the values to check, the key's auto-replies, and the
        # note and call-back of repeat inquiries on these leads.
        pending = self.sudo().filtered("clinic_after_capture_pending")
        done = super()._clinic_after_capture()
        pending.filtered("clinic_capture_flagged")._clinic_capture_plan_check()
        pending._clinic_capture_notify_owner()
        pending._clinic_capture_auto_reply()
        if self.ids:
            self.env["clinic.capture.log"].sudo().search(
                [("followup_pending", "=", True), ("lead_id", "in", self.ids)], order="id"
            )._clinic_run_followups()
        return done

    def _clinic_capture_notify_owner(self):
        """Odoo's "You have been assigned" message to the owner round robin chose at
        capture (the one Odoo sends when a lead is created with an owner)."""
        for lead in self.filtered(lambda lead: lead.user_id and lead.user_id != self.env.user):
            lead.with_context(
                lang=lead.user_id.lang, mail_notify_force_send=False
            )._message_auto_subscribe_notify(
                lead.user_id.partner_id.ids, "mail.message_user_assigned"
            )

    @api.model
    def _cron_clinic_after_capture(self, batch_size=200):
        done = super()._cron_clinic_after_capture(batch_size=batch_size)
        # Repeat inquiries on open leads and patients, after the new leads.
        self.env["clinic.capture.log"]._clinic_followups_batch(batch_size=batch_size)
        return done

    # ------------------------------------------------------------------
    # Auto-replies: with consent, outside quiet hours, never in the request
    # ------------------------------------------------------------------

    def _clinic_capture_auto_reply(self):
        """The key's auto-reply e-mail and text to a new lead, when the person agreed to
        that means (the consent sent with the inquiry) and has not opted out.

        Anyone holding a site's key could otherwise make the clinic write to any address
        or number. The text waits for the end of quiet hours (crm_clinic_capture_sms), the
        e-mail too when the clinic keeps quiet hours."""
        for lead in self.sudo().filtered("clinic_api_key_id"):
            key = lead.clinic_api_key_id
            # An acknowledgement, not a contact with the family (the core's "last
            # contacted" and speed-to-lead clocks ignore messages sent on capture).
            lead = lead.with_context(clinic_capture_channel=lead.clinic_capture_channel or "api")
            until = lead._clinic_capture_quiet_until()
            if key.auto_reply_mail_template_id and lead._clinic_capture_may_email():
                extra = {"scheduled_date": fields.Datetime.to_string(until)} if until else {}
                lead.with_context(mail_notify_force_send=False).message_post_with_source(
                    key.auto_reply_mail_template_id, subtype_xmlid="mail.mt_comment", **extra
                )
            if key.auto_reply_sms_template_id and lead._clinic_capture_may_text():
                lead.with_context(**lead._clinic_capture_sms_context())._message_sms_with_template(
                    template=key.auto_reply_sms_template_id, put_in_queue=True
                )

    def _clinic_capture_may_email(self):
        """Consent to e-mails given with the inquiry, and the address not blacklisted."""
        self.ensure_one()
        return bool(self.clinic_consent_email and self.email_normalized and not self.is_blacklisted)

    def _clinic_capture_may_text(self):
        """Consent to texts given with the inquiry, and the number not opted out (STOP)."""
        self.ensure_one()
        return bool(
            self.clinic_consent_sms
            and self.phone_sanitized
            and not self.phone_sanitized_blacklisted
        )

    def _clinic_capture_quiet_until(self):
        """When an auto-reply may go out: False for now. The text messages addon's quiet
        hours hold them until the morning (crm_clinic_capture_sms)."""
        return False

    def _clinic_capture_sms_context(self):
        """Context of the auto-reply text (the text messages addon adds its quiet hours)."""
        return {}

    def _clinic_capture_plan_check(self):
        """A to-do for the lead's coordinator naming the values to check on the first call."""
        for lead in self:
            lines = (lead.clinic_capture_check or "").splitlines()
            names = [line.split(":", 1)[0] for line in lines]
            owner = lead.user_id or lead.team_id.user_id or self.env.ref("base.user_admin")
            lead.with_context(mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Check on first contact: %(fields)s", fields=", ".join(names))[
                    :250
                ],
                note=plaintext2html(lead.clinic_capture_check or ""),
                user_id=owner.id,
            )

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
        if vals.get("clinic_capture_check"):
            body += Markup("<p><strong>%s</strong></p>%s") % (
                self.env._("Check on first contact"),
                plaintext2html(vals["clinic_capture_check"]),
            )
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
