# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import freeze_time, tagged

from .common import ReferralCommon

# A name typed into the public form lands in the letter to the referring dentist.
SCRIPT = "<script>alert('x')</script>"


@tagged("post_install", "-at_install")
class TestReferralEscaping(ReferralCommon):
    @freeze_time("2026-05-04 09:00:00")
    def test_hostile_patient_name_is_escaped_in_the_letter_and_its_pdf(self):
        lead = self._new_lead(
            clinic_referred_by_id=self.dentist.id, clinic_first_name=f"Leo {SCRIPT}"
        )
        letter = lead.clinic_referral_ids.letter_ids
        self.assertTrue(letter)
        for where, html in (
            ("letter body", str(letter.body_html)),
            (
                "letter PDF's HTML",
                self.env["ir.actions.report"]
                ._render_qweb_html("crm_referrals.action_report_referral_letter", letter.ids)[0]
                .decode(),
            ),
        ):
            self.assertNotIn("<script>alert", html, where)
            self.assertIn("&lt;script&gt;", html, f"{where}: the patient's name is missing")
