# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestSigningRules(IntakeCommon):
    """Who signs: the state's age of majority, and emancipated minors sign themselves."""

    def _patient(self, name, years, state_xmlid):
        state = self.env.ref(state_xmlid)
        return self.env["res.partner"].create(
            {
                "name": name,
                "email": f"{name.split()[0].lower()}@example.com",
                "clinic_is_patient": True,
                "clinic_birthdate": fields.Date.today() - relativedelta(years=years, days=1),
                "state_id": state.id,
                "country_id": state.country_id.id,
            }
        )

    def _self_signed(self, patient):
        return self.env["clinic.consent"].create(
            {
                "patient_id": patient.id,
                "consent_type": "general_consent",
                "signer_id": patient.id,
                "signer_relation": "self",
                "signature_name": patient.name,
            }
        )

    @mute_logger("odoo.sql_db")
    def test_state_decides_who_signs(self):
        texan = self._patient("Ava Texas", 18, "base.state_us_44")
        self.assertEqual(self._self_signed(texan).signer_id, texan)
        for name, years, state in [
            ("Ben Alabama", 18, "base.state_us_1"),
            ("Cleo Nebraska", 18, "base.state_us_22"),
            ("Dan Mississippi", 20, "base.state_us_37"),
        ]:
            with self.subTest(state=state):
                patient = self._patient(name, years, state)
                with (
                    self.assertRaisesRegex(ValidationError, "not emancipated"),
                    self.env.cr.savepoint(),
                ):
                    self._self_signed(patient)
                with (
                    self.assertRaisesRegex(ValidationError, "not emancipated"),
                    self.env.cr.savepoint(),
                ):
                    self._make_request(self.general_consent, patient)
        mississippian = self._patient("Eve Mississippi", 21, "base.state_us_37")
        self.assertEqual(self._self_signed(mississippian).signer_id, mississippian)

    @mute_logger("odoo.sql_db")
    def test_emancipated_minor_signs_their_own_consent(self):
        patient = self._patient("Finn Alabama", 17, "base.state_us_1")
        with self.assertRaisesRegex(ValidationError, "not emancipated"), self.env.cr.savepoint():
            self._self_signed(patient)
        action = self.env["clinic.intake.send"]._clinic_action_for(patient=patient)
        self.assertFalse(action["context"]["default_recipient_id"])
        patient.write(
            {
                "clinic_is_emancipated": True,
                "clinic_emancipation_date": fields.Date.today() - relativedelta(months=3),
                "clinic_emancipation_note": "Decree of emancipation, Mobile County, 2026.",
            }
        )
        self.assertTrue(patient.clinic_is_minor)
        # The send wizard addresses the patient, who answers and signs through the portal.
        action = self.env["clinic.intake.send"]._clinic_action_for(patient=patient)
        self.assertEqual(action["context"]["default_recipient_id"], patient.id)
        request = self._make_request(self.general_consent, patient)
        self._answer(
            request, {"agree": "I agree", "signer_relation": "Self", "signature": "Finn Alabama"}
        )
        self.assertRecordValues(
            self.env["clinic.consent"].search([("patient_id", "=", patient.id)]),
            [{"signer_id": patient.id, "signer_relation": "self", "state": "valid"}],
        )
