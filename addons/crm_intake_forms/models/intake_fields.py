# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared vocabularies of intake templates: categories and where answers go."""

INTAKE_CATEGORIES = [
    ("medical_history", "Medical history"),
    ("dental_history", "Dental / orthodontic history"),
    ("insurance", "Insurance"),
    ("hipaa", "HIPAA notice acknowledgment"),
    ("general_consent", "General consent"),
    ("treatment_consent", "Treatment consent"),
    ("photo_consent", "Photo / imaging consent"),
    ("financial_agreement", "Financial agreement"),
    ("aba_intake", "ABA intake questionnaire"),
]

# The order of a packet: history first, then insurance, then consents and the
# financial agreement last (what the family fills in before what they sign).
PACKET_ORDER = [
    "medical_history",
    "dental_history",
    "aba_intake",
    "insurance",
    "hipaa",
    "general_consent",
    "treatment_consent",
    "photo_consent",
    "financial_agreement",
]


def packet_rank(category):
    """Place of a form of ``category`` in the packet (unknown categories last)."""
    return PACKET_ORDER.index(category) if category in PACKET_ORDER else len(PACKET_ORDER)


# Categories whose completion is a signed consent record.
CONSENT_CATEGORIES = {
    "hipaa",
    "general_consent",
    "treatment_consent",
    "photo_consent",
    "financial_agreement",
}

AUDIENCES = [
    ("any", "Any patient"),
    ("adult", "Adult patient"),
    ("minor", "Minor, via guardian"),
]

# Where an answer flows when the form is completed (and where prefill comes from).
INTAKE_FIELDS = [
    ("patient_name", "Patient: name"),
    ("patient_birthdate", "Patient: birthdate"),
    ("patient_is_minor", "Patient: minor (computed, never asked)"),
    ("patient_email", "Patient: e-mail"),
    ("patient_phone", "Patient: phone"),
    ("patient_address", "Patient: address"),
    ("guardian_name", "Guardian: name"),
    ("conditions", "Medical history: conditions"),
    ("medications", "Medical history: medications"),
    ("allergies", "Medical history: allergies"),
    ("premedication", "Medical history: premedication needed"),
    ("insurance_carrier", "Primary insurance: carrier"),
    ("insurance_plan", "Primary insurance: plan"),
    ("insurance_member_ref", "Primary insurance: member ID"),
    ("insurance_group_number", "Primary insurance: group number"),
    ("insurance_subscriber_name", "Primary insurance: subscriber"),
    ("insurance_subscriber_relation", "Primary insurance: subscriber relation"),
    ("secondary_insurance_carrier", "Secondary insurance: carrier"),
    ("secondary_insurance_plan", "Secondary insurance: plan"),
    ("secondary_insurance_member_ref", "Secondary insurance: member ID"),
    ("secondary_insurance_group_number", "Secondary insurance: group number"),
    ("secondary_insurance_subscriber_name", "Secondary insurance: subscriber"),
    ("secondary_insurance_subscriber_relation", "Secondary insurance: subscriber relation"),
    ("consent_agree", "Consent: agreement"),
    ("marketing_use", "Consent: marketing use allowed"),
    ("signature_name", "Signature: typed full name"),
    ("signer_relation", "Signature: relation to the patient"),
    ("diagnosis_code", "Diagnosis: ICD-10 code"),
    ("diagnosis_name", "Diagnosis: description"),
]

INTAKE_FIELD_KEYS = {key for key, _label in INTAKE_FIELDS}

SIGNER_RELATIONS = [
    ("self", "Self"),
    ("parent", "Parent"),
    ("legal_guardian", "Legal guardian"),
    ("spouse", "Spouse"),
    ("other", "Other"),
]

# Asked once per packet (in its first form), then shown read-only in the others.
PACKET_ONCE_FIELDS = ("patient_name", "patient_birthdate")

QUESTION_TYPES = {
    "simple_choice",
    "multiple_choice",
    "text_box",
    "char_box",
    "numerical_box",
    "date",
    "datetime",
}
CHOICE_TYPES = {"simple_choice", "multiple_choice"}


def answer_means_yes(text):
    """Whether a suggested answer's label is an affirmative one ("Yes", "I agree")."""
    text = (text or "").strip().lower()
    return text.startswith(("yes", "i agree", "agree", "true"))
