# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install", "clinic_tour")
class TestIntakeGuardianTour(HttpCase):
    """In Chromium, phone-sized: a guardian signs a consent for their child on the portal."""

    browser_size = "412x915"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian_user = mail_new_test_user(
            cls.env,
            login="tour_guardian",
            name="Hannah Park",
            email="hannah.park@example.com",
            groups="base.group_portal",
        )
        cls.child = cls.env["res.partner"].create(
            {
                "name": "Leo Park",
                "clinic_is_patient": True,
                "clinic_birthdate": fields.Date.today() - relativedelta(years=10),
            }
        )
        cls.env["clinic.patient.guardian"].create(
            {
                "patient_id": cls.child.id,
                "guardian_id": cls.guardian_user.partner_id.id,
                "relation": "parent",
                "is_primary": True,
            }
        )
        # Created consent first: the packet still puts the medical history first.
        cls.request, cls.medical_request = cls.env["clinic.intake.request"].create(
            [
                {
                    "survey_id": cls.env.ref(xmlid).id,
                    "patient_id": cls.child.id,
                    "recipient_id": cls.guardian_user.partner_id.id,
                }
                for xmlid in (
                    "crm_intake_forms.intake_template_hipaa",
                    "crm_intake_forms.intake_template_medical_history",
                )
            ]
        )
        (cls.request | cls.medical_request).action_send()

    def test_guardian_completes_a_packet_on_the_portal(self):
        self.start_tour("/my/intake", "crm_intake_forms_guardian_portal", login="tour_guardian")
        self.assertEqual(self.medical_request.state, "done")
        answers = self.medical_request._clinic_mapped_answers()
        self.assertIs(answers["patient_is_minor"], True, "computed from the birth date")
        self.assertEqual(self.request.state, "done")
        consent = self.request.consent_ids
        self.assertRecordValues(
            consent,
            [
                {
                    "consent_type": "hipaa",
                    "signer_id": self.guardian_user.partner_id.id,
                    "signer_relation": "parent",
                    "signature_name": "Hannah Park",
                }
            ],
        )
        self.assertTrue(consent.signer_ip)
        self.assertTrue(consent.signer_user_agent)
        self.assertTrue(consent.pdf_attachment_id)
        self.assertTrue(consent.signature)
