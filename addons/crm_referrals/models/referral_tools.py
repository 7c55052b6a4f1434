# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Constants and pure helpers of referral tracking (kept free of the ORM for unit tests)."""

from itertools import pairwise
from statistics import median

MANAGE_PROVIDERS = "crm_referrals.group_clinic_referral_manage_providers"
SEND_LETTERS = "crm_referrals.group_clinic_referral_send_letters"

REFERRAL_STATUSES = [
    ("referred", "Referred"),
    ("consult", "Consult"),
    ("started", "Treatment Started"),
    ("completed", "Treatment Completed"),
    ("not_started", "Not Started"),
]

LETTER_EVENTS = [
    ("thank_you", "Thank you for the referral"),
    ("consult_summary", "Consult summary"),
    ("treatment_started", "Treatment started"),
    ("progress_report", "Progress report"),
    ("treatment_completed", "Treatment completed"),
]

# The letter a referral's status calls for (the thank-you is queued at creation).
STATUS_LETTERS = {
    "consult": "consult_summary",
    "started": "treatment_started",
    "completed": "treatment_completed",
}

SPECIALTIES = [
    ("general_dentist", "General dentist"),
    ("pediatric_dentist", "Pediatric dentist"),
    ("oral_surgeon", "Oral surgeon"),
    ("periodontist", "Periodontist"),
    ("endodontist", "Endodontist"),
    ("prosthodontist", "Prosthodontist"),
    ("pediatrician", "Pediatrician"),
    ("developmental_pediatrician", "Developmental pediatrician"),
    ("ent", "Ear, nose and throat (ENT)"),
    ("slp", "Speech-language pathologist"),
    ("psychologist", "Psychologist"),
    ("other", "Other"),
]

COMMUNICATION = [
    ("email", "E-mail"),
    ("letter", "Printed letter"),
    ("fax", "Fax (PDF)"),
]


def referral_score(dates, converted, decided, today):
    """Relationship strength 0-100 of a referrer, split into its four parts.

    ``dates``: the dates of the provider's incoming referrals; ``converted``: how
    many started treatment; ``decided``: how many have an outcome (started,
    completed or not started). Four parts, so staff can see why a score moved:
    recency (30), frequency over the last year (30), conversion (25, neutral 12
    while nothing is decided) and the trend of the last six months against the
    six before (15). Returns ``(score, facts)``; ``facts`` feeds the reasons text.
    """
    if not dates:
        return 0, {}
    days = (today - max(dates)).days
    last_year = sum(1 for d in dates if 0 <= (today - d).days <= 365)
    recent = sum(1 for d in dates if 0 <= (today - d).days <= 182)
    previous = sum(1 for d in dates if 182 < (today - d).days <= 365)
    facts = {
        "days": days,
        "last_year": last_year,
        "converted": converted,
        "decided": decided,
        "recent": recent,
        "previous": previous,
        "recency": round(30 * max(0.0, 1 - max(days - 30, 0) / 335)),
        "frequency": round(30 * min(last_year, 12) / 12),
        "conversion": round(25 * converted / decided) if decided else 12,
    }
    if previous:
        facts["trend"] = round(15 * min(recent / previous, 2) / 2)
    else:
        facts["trend"] = 15 if recent else 0
    score = facts["recency"] + facts["frequency"] + facts["conversion"] + facts["trend"]
    return min(score, 100), facts


def lapse_threshold(dates, factor=2.0):
    """Days without a referral after which a referrer counts as lapsed, or None.

    A provider's usual cadence is the median interval between their referrals;
    it needs at least three referrals (two intervals) to mean anything.
    """
    ordered = sorted(set(dates))
    if len(ordered) < 3:
        return None
    intervals = [(b - a).days for a, b in pairwise(ordered)]
    return factor * median(intervals)
