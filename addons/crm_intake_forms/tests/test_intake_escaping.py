# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

# What a visitor can type into the public forms, which then names the patient and
# guardian on e-mails, the portal and printed forms.
SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'


@tagged("post_install", "-at_install")
class TestIntakeEscaping(HttpCase):
    """Hostile names render escaped in the e-mail, the portal page and the PDF's HTML."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        guardian = cls.env["res.partner"].create(
            {"name": f"Parent {IMG}", "email": "hostile.parent@example.com"}
        )
        child = cls.env["res.partner"].create(
            {
                "name": f"Kid {SCRIPT}",
                "clinic_is_patient": True,
                "clinic_birthdate": fields.Date.today() - relativedelta(years=9),
            }
        )
        cls.env["clinic.patient.guardian"].create(
            {"patient_id": child.id, "guardian_id": guardian.id, "relation": "parent"}
        )
        cls.request = cls.env["clinic.intake.request"].create(
            {
                "survey_id": cls.env.ref("crm_intake_forms.intake_template_medical_history").id,
                "patient_id": child.id,
                "recipient_id": guardian.id,
            }
        )
        cls.request.action_send()

    def assertEscaped(self, html, where):
        self.assertNotIn("<script>alert", html, where)
        self.assertNotIn("<img src=x", html, where)
        self.assertIn("&lt;script&gt;", html, f"{where}: the patient's name is not shown")

    def test_email_escapes_the_names(self):
        mail = self.env["mail.mail"].search(
            [("model", "=", self.request._name), ("res_id", "=", self.request.id)], limit=1
        )
        self.assertTrue(mail)
        self.assertEscaped(mail.body_html, "intake e-mail")
        template = self.env.ref("crm_intake_forms.mail_template_intake_reminder")
        body = template._render_field("body_html", self.request.ids)[self.request.id]
        self.assertEscaped(str(body), "reminder template")

    def test_portal_page_escapes_the_names(self):
        response = self.url_open(f"/intake/{self.request.packet_token}")
        self.assertEqual(response.status_code, 200)
        self.assertEscaped(response.text, "portal packet page")

    def test_printed_form_escapes_the_names(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crm_intake_forms.action_report_intake_request", self.request.ids
        )
        self.assertEscaped(html.decode(), "printed form (PDF's HTML)")
