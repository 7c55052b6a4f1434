# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import tagged

from .capture_common import LeadCaptureCommon


@tagged("post_install", "-at_install", "clinic_capture")
class TestLeadForm(LeadCaptureCommon):
    """The website pages "Request a consultation" and "Join our team"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source.clinic_on_website_form = True
        cls.role = cls.env["clinic.practitioner.role"].search([], limit=1)

    def form(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return page, token

    def post_consultation(self, **values):
        _page, token = self.form("/clinic/consultation")
        data = {
            "csrf_token": token,
            "patient_first_name": "Noah",
            "patient_last_name": "Kim",
            "birthdate": "2015-09-01",
            "guardian_first_name": "Sara",
            "guardian_last_name": "Kim",
            "phone": "212 736 5000",
            "email": "sara.kim@example.com",
            "concern": "bite",
            **values,
        }
        return self.url_open("/clinic/consultation", data=data, allow_redirects=False)

    def test_pages_render_with_labels_consent_and_sources(self):
        page, _token = self.form("/clinic/consultation")
        self.assertIn('for="clinic_patient_first_name"', page.text)
        self.assertIn("How did you hear about us?", page.text)
        self.assertIn("Spring ads", page.text)
        self.assertIn("may contact me about this request", page.text)
        page, _token = self.form("/clinic/join")
        self.assertIn('name="resume"', page.text)
        self.assertEqual(self.url_open("/clinic/thank-you").status_code, 200)

    def test_consultation_creates_a_patient_lead_with_consent_and_utm(self):
        campaign = self.env["utm.campaign"].create({"name": "Summer smiles"})
        response = self.post_consultation(
            consent_phone="1",
            consent_email="1",
            heard_from=str(self.source.id),
            utm_campaign="Summer smiles",
            message="Overbite, 10 years old",
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/clinic/thank-you"))
        lead = self.env["crm.lead"].search([("email_from", "=", "sara.kim@example.com")])
        self.assertRecordValues(
            lead,
            [
                {
                    "clinic_lead_type": "patient",
                    "clinic_first_name": "Noah",
                    "clinic_contact_first_name": "Sara",
                    "clinic_concern": "bite",
                    "clinic_consent_phone": True,
                    "clinic_consent_sms": False,
                    "clinic_consent_email": True,
                    "clinic_capture_channel": "web",
                    "source_id": self.source.id,
                    "campaign_id": campaign.id,
                }
            ],
        )
        self.assertIn("may contact me", lead.clinic_consent_text)
        self.assertTrue(lead.clinic_lead_ref)
        self.assertTrue(lead.clinic_first_contact_due)

    def test_visitor_cannot_forge_the_consent_wording(self):
        self.post_consultation(consent_sms="1", consentText="I agree to nothing")
        lead = self.env["crm.lead"].search([("email_from", "=", "sara.kim@example.com")])
        self.assertNotIn("nothing", lead.clinic_consent_text)

    def test_invalid_input_shows_the_form_again_and_creates_nothing(self):
        response = self.post_consultation(email="sara@", phone="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("alert-danger", response.text)
        self.assertIn("E-mail: is not a valid e-mail address.", response.text)
        self.assertIn('value="Noah"', response.text)
        self.assertFalse(self.env["crm.lead"].search([("clinic_contact_first_name", "=", "Sara")]))

    def test_local_phone_is_shown_once_then_accepted_flagged(self):
        """A 7-digit local number: the visitor is asked once, then the lead is taken."""
        values = {"phone": "736 5000", "email": "", "guardian_first_name": "Lina"}
        first = self.post_consultation(**values)
        self.assertEqual(first.status_code, 400)
        self.assertIn("Phone: is not a valid phone number.", first.text)
        self.assertIn("send the form again as it is", first.text)
        self.assertFalse(self.env["crm.lead"].search([("clinic_contact_first_name", "=", "Lina")]))
        token = re.search(r'name="clinic_confirm" value="([^"]+)"', first.text).group(1)
        # Changed values are checked again: the signature is of the values shown.
        changed = self.post_consultation(**values, patient_last_name="Lee", clinic_confirm=token)
        self.assertEqual(changed.status_code, 400)
        second = self.post_consultation(**values, clinic_confirm=token)
        self.assertEqual(second.status_code, 303, second.text)
        lead = self.env["crm.lead"].search([("clinic_contact_first_name", "=", "Lina")])
        self.assertEqual(lead.phone, "736 5000")
        self.assertTrue(lead.clinic_capture_flagged)
        self.assertIn("Phone: “736 5000”", lead.clinic_capture_check)
        results = self.env["clinic.capture.log"].search([("channel", "=", "web")]).mapped("result")
        self.assertEqual(results, ["created", "confirm", "confirm"])

    def test_honeypot_drops_the_post_quietly(self):
        response = self.post_consultation(website_url="http://spam.example")
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.env["crm.lead"].search([("email_from", "=", "sara.kim@example.com")]))
        self.assertEqual(self.env["clinic.capture.log"].search([], limit=1).result, "spam")

    def test_posts_are_rate_limited_per_email(self):
        self.env["ir.config_parameter"].set_param("crm_ortho_onboarding.form_posts_per_email", "1")
        self.assertEqual(self.post_consultation().status_code, 303)
        response = self.post_consultation(patient_first_name="Other")
        self.assertEqual(response.status_code, 429)
        self.assertIn("several requests", response.text)

    def test_posts_are_rate_limited_per_ip(self):
        self.env["ir.config_parameter"].set_param("crm_ortho_onboarding.form_posts_per_ip", "2")
        for index in range(2):
            response = self.post_consultation(email=f"parent{index}@example.com")
            self.assertEqual(response.status_code, 303)
        self.assertEqual(self.post_consultation(email="p3@example.com").status_code, 429)

    def test_join_keeps_the_resume_as_an_attachment(self):
        _page, token = self.form("/clinic/join")
        data = {
            "csrf_token": token,
            "first_name": "Lena",
            "last_name": "Ortiz",
            "email": "lena.ortiz@example.com",
            "role": str(self.role.id),
        }
        files = {"resume": ("lena-cv.pdf", b"%PDF-1.4 resume", "application/pdf")}
        response = self.url_open("/clinic/join", data=data, files=files, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        lead = self.env["crm.lead"].search([("email_from", "=", "lena.ortiz@example.com")])
        self.assertEqual(lead.clinic_lead_type, "practitioner")
        self.assertEqual(lead.clinic_practitioner_role_id, self.role)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        self.assertEqual(attachment.name, "lena-cv.pdf")
        self.assertFalse(attachment.public)

    def test_join_refuses_other_files(self):
        _page, token = self.form("/clinic/join")
        data = {"csrf_token": token, "first_name": "Lena", "email": "lena@example.com"}
        files = {"resume": ("run.exe", b"MZ", "application/octet-stream")}
        response = self.url_open("/clinic/join", data=data, files=files, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["crm.lead"].search([("email_from", "=", "lena@example.com")]))
        # Sent again as it is: the application is taken, without the file, flagged.
        token = re.search(r'name="clinic_confirm" value="([^"]+)"', response.text).group(1)
        _page, data["csrf_token"] = self.form("/clinic/join")
        data["clinic_confirm"] = token
        response = self.url_open("/clinic/join", data=data, files=files, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        lead = self.env["crm.lead"].search([("email_from", "=", "lena@example.com")])
        self.assertIn("run.exe", lead.clinic_capture_check)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
            )
        )

    def test_post_without_csrf_token_is_refused(self):
        response = self.url_open(
            "/clinic/consultation",
            data={"patient_first_name": "X", "email": "x@example.com"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["crm.lead"].search([("email_from", "=", "x@example.com")]))
