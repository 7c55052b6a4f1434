# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OCR with the server's Tesseract, and what the text suggests (no Odoo imports).

Everything runs on the server: Tesseract through pytesseract, PDF pages rendered
by poppler's pdftoppm through pdf2image. Nothing is sent to an outside service.
"""

import io
import re
import shutil
from datetime import date

DOCUMENT_TYPES = [
    ("xray_report", "X-ray report"),
    ("treatment_summary", "Treatment summary"),
    ("referral_letter", "Referral letter"),
    ("insurance_card", "Insurance card"),
    ("other", "Other"),
]

# Words that point to each kind of document; the kind with most hits wins.
TYPE_WORDS = {
    "xray_report": [
        "x-ray", "xray", "x ray", "radiograph", "radiographic", "panoramic", "cephalometric",
        "ceph", "bitewing", "periapical", "cbct", "radiology", "imaging", "findings",
    ],
    "treatment_summary": [
        "treatment summary", "treatment plan", "diagnosis", "appliance", "brackets",
        "debond", "retainer", "progress", "treatment start", "treatment end", "aligners",
        "discharge summary", "course of treatment",
    ],
    "referral_letter": [
        "referral", "referred", "referring", "dear dr", "thank you for seeing",
        "please evaluate", "for your evaluation", "sincerely", "consultation request",
    ],
    "insurance_card": [
        "member id", "member number", "group number", "group no", "subscriber", "payer",
        "rx bin", "rxbin", "rx pcn", "copay", "insurance", "plan code", "dental plan",
        "customer service",
    ],
}  # fmt: skip

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    # 2024-03-05
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    # 03/05/2024, 3-5-2024, 03.05.2024 (US order: month first)
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), ("m", "d", "y")),
    # March 5, 2024 / Mar 5 2024
    (
        re.compile(r"\b(%s)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b" % _MONTH_RE, re.IGNORECASE),
        ("M", "d", "y"),
    ),
    # 5 March 2024
    (re.compile(r"\b(\d{1,2}) (%s)\.? (\d{4})\b" % _MONTH_RE, re.IGNORECASE), ("d", "M", "y")),
]
BIRTH_LABEL = re.compile(r"(d\.?o\.?b\.?|date of birth|birth ?date|born)\W{0,3}$", re.IGNORECASE)
NAME_LABEL = re.compile(
    r"(?i:patient(?: name)?|name|member(?: name)?|subscriber|re)[ \t]*[:\-][ \t]*"
    r"([A-Z][A-Za-z'\-]+(?:,? [A-Z][A-Za-z'\-.]+){1,3})"
)


class OcrUnavailable(Exception):
    """Tesseract (or poppler for PDFs) is not installed on the server."""


def engine_problem():
    """None when OCR can run, else what is missing, in the administrator's words."""
    try:
        import pytesseract  # noqa: F401  # pylint: disable=import-outside-toplevel
    except ImportError:
        return "the Python package pytesseract is not installed (pip install -r requirements.txt)"
    if not shutil.which("tesseract"):
        return "Tesseract is not installed on the server (Debian package tesseract-ocr)"
    return None


def ocr_image(data):
    """Text of an image file's bytes."""
    problem = engine_problem()
    if problem:
        raise OcrUnavailable(problem)
    import pytesseract  # pylint: disable=import-outside-toplevel
    from PIL import Image  # pylint: disable=import-outside-toplevel

    with Image.open(io.BytesIO(data)) as image:
        return pytesseract.image_to_string(image.convert("L"))


def ocr_pdf(data, embedded_text="", max_pages=20):
    """Text of a PDF: its embedded text when it has some, else OCR of its pages."""
    if len(embedded_text.strip()) >= 40:
        return embedded_text
    problem = engine_problem()
    if problem:
        raise OcrUnavailable(problem)
    if not shutil.which("pdftoppm"):
        raise OcrUnavailable(
            "poppler is not installed on the server (Debian package poppler-utils)"
        )
    import pytesseract  # pylint: disable=import-outside-toplevel
    from pdf2image import convert_from_bytes  # pylint: disable=import-outside-toplevel

    pages = convert_from_bytes(data, dpi=200, first_page=1, last_page=max_pages, grayscale=True)
    return "\n\f".join(pytesseract.image_to_string(page) for page in pages)


def _to_date(parts, order):
    values = dict(zip(order, parts, strict=True))
    try:
        month = MONTHS[values["M"].lower().rstrip(".")] if "M" in values else int(values["m"])
        return date(int(values["y"]), month, int(values["d"]))
    except (ValueError, KeyError):
        return None


def find_dates(text):
    """[(date, is_birthdate)] in the order they appear."""
    found = []
    for regex, order in DATE_PATTERNS:
        for match in regex.finditer(text or ""):
            value = _to_date(match.groups(), order)
            if value and 1900 <= value.year <= 2100:
                before = text[max(0, match.start() - 20) : match.start()]
                found.append((match.start(), value, bool(BIRTH_LABEL.search(before))))
    return [(value, is_birth) for _pos, value, is_birth in sorted(found, key=lambda f: f[0])]


def find_names(text):
    """Names written after a label (Patient:, Name:, Member:, Re:)."""
    names = []
    for match in NAME_LABEL.finditer(text or ""):
        name = re.sub(r"\s+", " ", match.group(1)).strip(" .")
        if "," in name:  # "Lopez, Mia" -> "Mia Lopez"
            last, first = [p.strip() for p in name.split(",", 1)]
            name = f"{first} {last}"
        if name not in names:
            names.append(name)
    return names


def guess_type(text):
    """(document type, the words that point to it) — ("other", []) without any hit."""
    lowered = (text or "").lower()
    best, best_words = "other", []
    for kind, words in TYPE_WORDS.items():
        hits = [word for word in words if word in lowered]
        if len(hits) > len(best_words):
            best, best_words = kind, hits
    return best, best_words


def analyse(text):
    """What the text suggests: names, birthdate, date range and document type."""
    dates = find_dates(text)
    births = [value for value, is_birth in dates if is_birth]
    others = [value for value, is_birth in dates if not is_birth]
    kind, words = guess_type(text)
    return {
        "names": find_names(text),
        "birthdate": births[0] if births else None,
        "date_from": min(others) if others else None,
        "date_to": max(others) if others else None,
        "type": kind,
        "type_words": words,
    }
