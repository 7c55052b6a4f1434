# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The age of majority where the patient lives: who is a minor, who signs.

One table for every place that decides whether a person is a minor (leads,
patients, guardian rules, consent and intake signing). Keys are ISO country
codes, or (country code, state code) for states that differ from their country.
Anything not listed is of age at 18 (``DEFAULT_AGE_OF_MAJORITY``).

Sources (state statutes defining the age of majority; checked December 2026):

- Alabama, 19: Code of Alabama § 26-1-1(a).
- Nebraska, 19: Nebraska Revised Statutes § 43-2101.
- Mississippi, 21: Mississippi Code § 1-3-27 ("minor" means a person under 21),
  with § 93-19-13 allowing 18-year-olds to contract for some purposes only.
- Puerto Rico, 21: Civil Code of Puerto Rico (Law 55-2020, carrying over former
  31 L.P.R.A. § 971 of the 1930 Code). Odoo has Puerto Rico both as a US state
  (state_us_pr) and as a country (base.pr); both are listed.
- Every other US state, the District of Columbia and the other territories: 18
  (e.g. Texas Civil Practice and Remedies Code § 129.001; California Family Code
  § 6500-6502).

Many states also keep child support until high-school graduation (up to 19);
that does not change who signs consents, and is not modelled here. Statutes that
let some minors consent to specific care (pregnancy, substance use...) are not
modelled either: for those, staff record the consent outside the intake flow.
"""

DEFAULT_AGE_OF_MAJORITY = 18

AGE_OF_MAJORITY = {
    ("US", "AL"): 19,
    ("US", "NE"): 19,
    ("US", "MS"): 21,
    ("US", "PR"): 21,
    "PR": 21,
}


def age_of_majority(state=None, country=None):
    """The age of majority for a ``res.country.state`` (or a country without state)."""
    if state:
        country_code = (state.country_id.code or "").upper()
        by_state = AGE_OF_MAJORITY.get((country_code, (state.code or "").upper()))
        if by_state:
            return by_state
        country = country or state.country_id
    if country:
        return AGE_OF_MAJORITY.get((country.code or "").upper(), DEFAULT_AGE_OF_MAJORITY)
    return DEFAULT_AGE_OF_MAJORITY


def majority_state_ids(env):
    """{age: ids of the states whose age of majority is ``age``} (listed states only)."""
    result = {}
    for key, age in AGE_OF_MAJORITY.items():
        if not isinstance(key, tuple):
            continue
        country_code, state_code = key
        states = (
            env["res.country.state"]
            .sudo()
            .search([("country_id.code", "=", country_code), ("code", "=", state_code)])
        )
        result.setdefault(age, []).extend(states.ids)
    return result


def majority_country_ids(env):
    """{age: ids of the countries whose age of majority is ``age``} (listed countries only)."""
    result = {}
    for key, age in AGE_OF_MAJORITY.items():
        if isinstance(key, tuple):
            continue
        countries = env["res.country"].sudo().search([("code", "=", key)])
        result.setdefault(age, []).extend(countries.ids)
    return result
