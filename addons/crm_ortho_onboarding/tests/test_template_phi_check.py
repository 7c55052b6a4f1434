# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ClinicRolesCommon


@tagged("post_install", "-at_install", "clinic_privacy")
class TestTemplatePhiCheck(ClinicRolesCommon):
    """Templates sent to patients refuse health information unless a clinic admin reviewed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_model = cls.env["ir.model"]._get("crm.lead")
        cls.partner_model = cls.env["ir.model"]._get("res.partner")
        editors = cls.env.ref("mail.group_mail_template_editor")
        cls.editor = cls.users["front_desk"]
        cls.admin = cls.users["clinic_admin"]
        (cls.editor | cls.admin).group_ids = [Command.link(editors.id)]

    def _mail_template(self, user, body, **extra):
        return (
            self.env["mail.template"]
            .with_user(user)
            .create(
                {
                    "name": "Consult follow-up",
                    "model_id": self.lead_model.id,
                    "subject": "Your visit at {{ object.company_id.name }}",
                    "body_html": body,
                    **extra,
                }
            )
        )

    def test_birthdate_in_an_email_to_patients_is_refused(self):
        with self.assertRaisesRegex(ValidationError, r"Birthdate \(object\.clinic_birthdate\)"):
            self._mail_template(self.admin, '<p>Born <t t-out="object.clinic_birthdate"/></p>')

    def test_diagnosis_through_a_relation_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "health information"):
            self.env["mail.template"].with_user(self.admin).create(
                {
                    "name": "Welcome",
                    "model_id": self.lead_model.id,
                    "subject": "Hello",
                    "body_html": '<p t-out="object.clinic_patient_id.clinic_birthdate"/>',
                }
            )
        with self.assertRaisesRegex(ValidationError, "Has Diagnosis"):
            self.env["sms.template"].with_user(self.admin).create(
                {
                    "name": "Text",
                    "model_id": self.lead_model.id,
                    "body": "Diagnosed: {{ object.clinic_has_diagnosis }}",
                }
            )

    def test_a_plain_template_is_accepted(self):
        template = self._mail_template(
            self.editor, '<p>Dear <t t-out="object.contact_name"/>, see you soon.</p>'
        )
        self.assertTrue(template)
        sms = self.env["sms.template"].create(
            {
                "name": "Hello",
                "model_id": self.partner_model.id,
                "body": "Hi {{ object.name }}, {{ object.company_id.name }} here.",
            }
        )
        self.assertTrue(sms)

    def test_a_clinic_admin_review_allows_it_and_an_edit_voids_it(self):
        body = '<p>Born <t t-out="object.clinic_birthdate"/></p>'
        template = self._mail_template(self.admin, body, clinic_phi_reviewed=True)
        self.assertTrue(template.sudo().clinic_phi_reviewed)
        # Only a clinic admin reviews.
        with self.assertRaises(AccessError):
            self._mail_template(self.editor, body, clinic_phi_reviewed=True)
        # Someone else's edit of the text voids the review, and the text is refused again.
        with self.assertRaisesRegex(ValidationError, "Birthdate"):
            template.with_user(self.editor).body_html = body + "<p>Bring your card.</p>"
