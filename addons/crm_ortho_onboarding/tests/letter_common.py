# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""For the tests of every addon whose letters use the core's letter layout: the demo
clinic's letterhead and the text of a rendered PDF."""

import shutil
import subprocess

LETTERHEAD = {
    "name": "Aspen Smiles Orthodontics",
    "street": "1200 Pine Street",
    "city": "Denver",
    "zip": "80202",
    "phone": "+1 303-555-0142",
}


def set_letterhead(company):
    """Give ``company`` the letterhead the letter tests look for (in Colorado)."""
    company.write({**LETTERHEAD, "state_id": company.env.ref("base.state_us_6").id})


def pdf_text(pdf):
    """The text of a PDF as pdftotext extracts it, on one line. pdftotext (poppler-utils)
    is installed by ./clinic setup: without it the test fails, it is not skipped."""
    if not shutil.which("pdftotext"):
        raise AssertionError("pdftotext (poppler-utils) is not installed: run ./clinic setup")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())
