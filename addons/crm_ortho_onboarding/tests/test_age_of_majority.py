# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install")
class TestAgeOfMajority(ClinicRolesCommon):
    """A minor is younger than the age of majority of the state they live in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.alabama = cls.env.ref("base.state_us_1")
        cls.nebraska = cls.env.ref("base.state_us_22")
        cls.mississippi = cls.env.ref("base.state_us_37")
        cls.texas = cls.env.ref("base.state_us_44")
        cls.puerto_rico = cls.env.ref("base.state_us_pr")
        cls.us = cls.env.ref("base.us")

    def _patient(self, years, state=None, **vals):
        return self.env["res.partner"].create(
            {
                "name": f"Patient {years} {state.code if state else 'nowhere'}",
                "clinic_is_patient": True,
                "clinic_birthdate": self.today - relativedelta(years=years, days=1),
                "state_id": state.id if state else False,
                "country_id": state.country_id.id if state else False,
                **vals,
            }
        )

    def test_minor_follows_the_patients_state(self):
        cases = [
            # (age, state, age of majority, minor)
            (18, self.alabama, 19, True),
            (19, self.alabama, 19, False),
            (18, self.texas, 18, False),
            (17, self.texas, 18, True),
            (18, self.nebraska, 19, True),
            (20, self.mississippi, 21, True),
            (21, self.mississippi, 21, False),
            (20, self.puerto_rico, 21, True),
        ]
        Partner = self.env["res.partner"]
        for age, state, majority, minor in cases:
            with self.subTest(age=age, state=state.name):
                patient = self._patient(age, state)
                self.assertEqual(patient.clinic_age, age)
                self.assertEqual(patient.clinic_age_of_majority, majority)
                self.assertEqual(patient.clinic_is_minor, minor)
                self.assertEqual(patient.clinic_needs_guardian, minor)
                # The search (filters "Minors" / "Adults") agrees with the field.
                self.assertEqual(
                    bool(Partner.search([("id", "=", patient.id), ("clinic_is_minor", "=", True)])),
                    minor,
                )
                self.assertEqual(
                    bool(
                        Partner.search([("id", "=", patient.id), ("clinic_is_minor", "=", False)])
                    ),
                    not minor,
                )

    def test_puerto_rico_as_a_country(self):
        patient = self.env["res.partner"].create(
            {
                "name": "Sofía Rivera",
                "clinic_birthdate": self.today - relativedelta(years=20),
                "country_id": self.env.ref("base.pr").id,
            }
        )
        self.assertTrue(patient.clinic_is_minor)
        self.assertIn(patient, self.env["res.partner"].search([("clinic_is_minor", "=", True)]))

    def test_without_address_the_clinics_state_decides(self):
        patient = self._patient(18)
        self.env.company.write({"state_id": self.texas.id, "country_id": self.us.id})
        self.assertFalse(patient.clinic_is_minor)
        self.env.company.write({"state_id": self.alabama.id})
        patient.invalidate_recordset(["clinic_is_minor"])
        self.assertTrue(patient.clinic_is_minor)
        self.assertIn(patient, self.env["res.partner"].search([("clinic_is_minor", "=", True)]))

    def test_lead_uses_its_state(self):
        self.lead.write(
            {
                "clinic_birthdate": self.today - relativedelta(years=20),
                "state_id": self.mississippi.id,
                "country_id": self.us.id,
            }
        )
        self.assertTrue(self.lead.clinic_is_minor)
        self.lead.state_id = self.texas
        self.assertFalse(self.lead.clinic_is_minor)

    def test_emancipation_needs_a_date_and_evidence(self):
        patient = self._patient(17, self.texas)
        with self.assertRaisesRegex(ValidationError, "enter the date"), self.env.cr.savepoint():
            patient.clinic_is_emancipated = True
        with (
            self.assertRaisesRegex(ValidationError, "attach the court order"),
            self.env.cr.savepoint(),
        ):
            patient.write(
                {
                    "clinic_is_emancipated": True,
                    "clinic_emancipation_date": self.today - relativedelta(months=2),
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "cannot be in the future"),
            self.env.cr.savepoint(),
        ):
            patient.write(
                {
                    "clinic_is_emancipated": True,
                    "clinic_emancipation_date": self.today + relativedelta(days=3),
                    "clinic_emancipation_note": "Court order",
                }
            )

    def test_emancipated_minor_signs_their_own_forms(self):
        # BaseCommon disables tracking; the emancipation must show in the chatter.
        patient = self._patient(17, self.texas).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(patient.clinic_needs_guardian)
        patient.write(
            {
                "clinic_is_emancipated": True,
                "clinic_emancipation_date": self.today - relativedelta(months=2),
                "clinic_emancipation_note": "Court order 2026-DR-114 seen at the front desk.",
            }
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(patient.clinic_is_minor)
        self.assertFalse(patient.clinic_needs_guardian)
        tracked = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.res_id", "=", patient.id),
                    ("mail_message_id.model", "=", "res.partner"),
                ]
            )
            .field_id.mapped("name")
        )
        self.assertIn("clinic_is_emancipated", tracked)
        self.assertIn("clinic_emancipation_date", tracked)
