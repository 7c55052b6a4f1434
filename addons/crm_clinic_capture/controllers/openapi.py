# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The OpenAPI 3.1 description of the Create Lead API, served at /api/v1/openapi.json."""

from odoo.addons.crm_ortho_onboarding.models.crm_lead import ORTHO_CONCERNS

from ..models.crm_lead import CHORUS_FIELDS, DEFAULT_MAX_LENGTH, MAX_LENGTHS

# The form parameters besides the key (which the document describes as a security scheme).
CHORUS_NAMES = CHORUS_FIELDS[1:]

DESCRIPTIONS = {
    "leadtype": "Patient or Practitioner (any case).",
    "firstName": "The patient's (or applicant's) first name.",
    "lastName": "The patient's (or applicant's) last name.",
    "email": "E-mail address of the contact.",
    "primaryContactFirstName": "Parent or guardian first name (patient leads).",
    "primaryContactLastName": "Parent or guardian last name (patient leads).",
    "phone": "Phone number; national numbers are read in the clinic's country.",
    "state": "State code or name (e.g. NY).",
    "address1_postalcode": "ZIP code (12345 or 12345-6789 in the US).",
    "message": "Free text from the visitor.",
    "hasDiagnosis": "ABA: the child already has a diagnosis.",
    "marketingSourceId": "Marketing source: its id or the external key on the source form.",
    "birthdate": "Patient's birthdate, YYYY-MM-DD.",
    "concern": "Chief concern (orthodontics).",
    "insurance": "Insurance carrier.",
    "location": "Preferred location: pipeline id or name.",
    "role": "Practitioner role applied for: id or name.",
    "npi": "Practitioner's NPI number (10 digits, checked).",
    "utm_campaign": "Campaign name (existing campaigns only).",
    "utm_medium": "Medium name (existing media only).",
    "utm_source": "Source name, when marketingSourceId is not given (existing sources only).",
    "consentPhone": "Agrees to be called.",
    "consentSms": "Agrees to text messages.",
    "consentEmail": "Agrees to e-mails.",
    "consentText": "The consent wording shown to the person (required with any consent).",
}
BOOLEANS = ("hasDiagnosis", "consentPhone", "consentSms", "consentEmail")


def _property(name):
    if name in BOOLEANS:
        return {"type": "boolean", "description": DESCRIPTIONS[name]}
    schema = {
        "type": "string",
        "maxLength": MAX_LENGTHS.get(name, DEFAULT_MAX_LENGTH),
        "description": DESCRIPTIONS[name],
    }
    if name == "leadtype":
        schema["enum"] = ["Patient", "Practitioner"]
    elif name == "concern":
        schema["enum"] = [key for key, _label in ORTHO_CONCERNS]
    elif name == "birthdate":
        schema["format"] = "date"
    elif name == "email":
        schema["format"] = "email"
    return schema


def openapi_document(server_url):
    error_list = {
        "type": "object",
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {"type": ["string", "null"]},
                        "message": {"type": "string"},
                    },
                    "required": ["field", "message"],
                },
            }
        },
        "required": ["errors"],
    }
    errors = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}
    lead = {
        "type": "object",
        "additionalProperties": False,
        "required": ["leadtype"],
        "properties": {name: _property(name) for name in DESCRIPTIONS},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Clinic CRM Create Lead API",
            "version": "1.0.0",
            "description": (
                "Creates patient and practitioner leads. Keys are created by clinic "
                "administrators (Clinic CRM > Configuration > API Keys). Every accepted "
                "submission is answered the same way, with a fresh opaque `receipt`: the "
                "answer never tells whether the person is new or already known to the "
                "clinic. A repeat (the same person within the dedupe window, or an open "
                "lead) creates no duplicate; a retry with the same Idempotency-Key gets the "
                "same receipt. Rate limits count calls per key and client address (refused "
                "calls included) and accepted submissions per key. A lead that "
                "names a person (first or last name) and gives an e-mail address or a phone "
                "number (7 digits or more) is always received: a value that fails a check "
                "is kept as sent, flagged for the clinic to check on the first call, and "
                "listed in `warnings`. Refused: a bad key (401), too many calls (429), no "
                "name or no way to reach the person, malformed or oversized values, fields "
                "a caller may not set (400), a body over 64 KB (413). A browser posting a "
                "form to /lead/create (Accept: text/html) is redirected (303) to the key's "
                "thank-you page, or back to its page with `lead_error` when refused."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "components": {
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
            "schemas": {"Lead": lead, "Errors": error_list},
        },
        "paths": {
            "/api/v1/leads": {
                "post": {
                    "summary": "Create a lead",
                    "security": [{"apiKey": []}],
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 100},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Lead"}}
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Received. The same answer for a new person and "
                            "for one the clinic already knows: a fresh receipt each time.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "status": {"type": "string", "enum": ["received"]},
                                            "receipt": {
                                                "type": "string",
                                                "description": "Opaque id of this "
                                                "submission, new for each one (the same "
                                                "again only for a retry with the same "
                                                "Idempotency-Key). Quote it to the clinic "
                                                "about this submission; it says nothing "
                                                "about the lead or the person.",
                                            },
                                            "reference": {
                                                "type": "string",
                                                "deprecated": True,
                                                "description": "The receipt again, for "
                                                "integrations written against earlier "
                                                "answers. Never the lead's reference.",
                                            },
                                            "duplicate": {
                                                "type": "boolean",
                                                "description": "Present (true) when this "
                                                "is a retry with an Idempotency-Key "
                                                "already answered.",
                                            },
                                            "warnings": {
                                                "type": "array",
                                                "description": "Values kept as sent and "
                                                "flagged for the first call.",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "field": {"type": "string"},
                                                        "message": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                        "required": ["status", "receipt"],
                                    }
                                }
                            },
                        },
                        "400": {"description": "Invalid fields.", **errors},
                        "401": {"description": "Missing or revoked key.", **errors},
                        "403": {"description": "Origin not allowed for this key.", **errors},
                        "413": {"description": "Body larger than 64 KB."},
                        "429": {
                            "description": "Too many calls; see Retry-After (seconds).",
                            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                            **errors,
                        },
                    },
                }
            },
            "/lead/create": {
                "get": {
                    "summary": "Create a lead (Chorus-compatible; puts personal data in the URL, "
                    "prefer POST)",
                    "parameters": [
                        {
                            "name": "subscriptionkey",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ]
                    + [
                        {"name": name, "in": "query", "required": False, "schema": _property(name)}
                        for name in DESCRIPTIONS
                        if name in CHORUS_NAMES
                    ],
                    "responses": {
                        "201": {
                            "description": "Received: the same JSON answer as /api/v1/leads "
                            "(status, receipt, warnings)."
                        },
                        "400": {"description": "Invalid fields.", **errors},
                        "401": {"description": "Missing or revoked key.", **errors},
                        "429": {"description": "Too many calls; see Retry-After.", **errors},
                    },
                },
                "post": {
                    "summary": "Create a lead (Chorus-compatible form post)",
                    "requestBody": {
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "subscriptionkey": {"type": "string"},
                                        **{
                                            n: _property(n)
                                            for n in DESCRIPTIONS
                                            if n in CHORUS_NAMES
                                        },
                                    },
                                }
                            }
                        }
                    },
                    "responses": {
                        "201": {
                            "description": "Received: the same JSON answer as /api/v1/leads "
                            "(status, receipt, warnings)."
                        },
                        "400": {"description": "Invalid fields.", **errors},
                        "401": {"description": "Missing or revoked key.", **errors},
                        "429": {"description": "Too many calls; see Retry-After.", **errors},
                    },
                },
            },
        },
    }
