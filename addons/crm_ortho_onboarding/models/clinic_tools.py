# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Small validation helpers shared by leads and partners."""

from datetime import date

import phonenumbers

from odoo.tools import email_normalize

GUARDIAN_RELATIONS = [
    ("parent", "Parent"),
    ("legal_guardian", "Legal guardian"),
    ("spouse", "Spouse"),
    ("self", "Self"),
    ("other", "Other"),
]

AGE_OF_MAJORITY = 18

# The special permissions checked in code (ACLs cannot express them).
LEAD_ASSIGN = "crm_ortho_onboarding.group_clinic_lead_assign"
LEAD_CONVERT = "crm_ortho_onboarding.group_clinic_lead_convert"
# Every clinic role implies it: "is this user clinic staff at all".
CLINIC_STAFF = "crm_ortho_onboarding.group_clinic_read_only"


def age_on(birthdate, today=None):
    """Whole years between ``birthdate`` and ``today`` (None without a birthdate)."""
    if not birthdate:
        return None
    today = today or date.today()
    before_birthday = (today.month, today.day) < (birthdate.month, birthdate.day)
    return today.year - birthdate.year - before_birthday


def npi_is_valid(npi):
    """NPI check: 10 digits whose Luhn check digit is computed with the 80840 prefix.

    CMS's NPI standard prefixes the 9 identifying digits with the issuer code
    80840 before applying Luhn (mod 10, double every second digit from the right).
    """
    # isdigit() alone accepts '²' and other digits int() refuses.
    if not npi or len(npi) != 10 or not (npi.isascii() and npi.isdigit()):
        return False
    digits = [int(d) for d in "80840" + npi[:9]]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(npi[9])


def normalize_phone(number, country_code):
    """E.164 form of ``number`` (region from the clinic's country), or None if invalid."""
    if not number:
        return None
    try:
        parsed = phonenumbers.parse(number, (country_code or "US").upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(email):
    """Trimmed, lower-cased address, or None if it is not an e-mail address."""
    if not email:
        return None
    normalized = email_normalize(email.strip(), strict=True)
    return normalized or None


# Honorifics a name may start with, and the degrees after it that make the person a doctor.
HONORIFICS = {"dr": "Dr.", "doctor": "Dr.", "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "mx": "Mx."}
HONORIFICS.update({"prof": "Prof.", "professor": "Prof."})
NAME_PARTICLES = {"de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den"}
DOCTOR_DEGREES = {"dds", "dmd", "md", "do", "phd", "psyd", "od", "dpm", "dc", "dvm", "edd"}


def salutation_name(name, is_company=False):
    """The name to put after "Dear" for ``name``: "Dr. Whitaker" for "Dr. Alan Whitaker, DDS".

    An honorific is kept with the last name; a doctor's degree (DDS, MD, PhD…) after
    the name makes the honorific "Dr."; other degrees and credentials are dropped.
    Without an honorific the full name is used (we do not guess Mr. or Ms.).
    Organisations are addressed by their name.
    """
    name = " ".join((name or "").split())
    if not name or is_company:
        return name
    main, *suffixes = name.split(",")
    words = main.split()
    degrees = {s.strip().lower().replace(".", "") for s in suffixes}
    # "Alan Whitaker DDS" without a comma
    while len(words) > 1 and words[-1].lower().replace(".", "") in DOCTOR_DEGREES:
        degrees.add(words.pop().lower().replace(".", ""))
    honorific = False
    if words and words[0].lower().rstrip(".") in HONORIFICS:
        honorific = HONORIFICS[words.pop(0).lower().rstrip(".")]
    if not honorific and degrees & DOCTOR_DEGREES:
        honorific = "Dr."
    if honorific and words:
        # The last name with its particles: "Dr. de la Cruz", "Dr. van Dijk".
        first = len(words) - 1
        while first > 1 and words[first - 1].lower() in NAME_PARTICLES:
            first -= 1
        return f"{honorific} {' '.join(words[first:])}"
    return " ".join(words) or name
