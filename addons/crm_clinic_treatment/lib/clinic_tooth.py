# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tooth numbers in the Universal Numbering System (permanent 1-32, primary A-T)."""

import re

from odoo.exceptions import ValidationError

PERMANENT_TEETH = {str(number) for number in range(1, 33)}
PRIMARY_TEETH = set("ABCDEFGHIJKLMNOPQRST")
SEPARATORS_RE = re.compile(r"[\s,;]+")


def normalize_tooth_numbers(env, value):
    """Return the teeth as "3, 14, A" or raise a ValidationError naming the bad ones."""
    if not value:
        return False
    tokens = [token for token in SEPARATORS_RE.split(value.strip()) if token]
    teeth, invalid = [], []
    for token in tokens:
        tooth = token.upper().lstrip("#")
        if tooth.isdigit():
            tooth = str(int(tooth))
        if tooth in PERMANENT_TEETH or tooth in PRIMARY_TEETH:
            if tooth not in teeth:
                teeth.append(tooth)
        else:
            invalid.append(token)
    if invalid:
        raise ValidationError(
            env._(
                "Tooth number(s) %(teeth)s not valid: use the Universal Numbering System, "
                "1 to 32 for permanent teeth and A to T for primary teeth, separated by commas.",
                teeth=", ".join(invalid),
            )
        )
    return ", ".join(teeth)
