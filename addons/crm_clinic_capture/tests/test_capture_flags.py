# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from urllib.parse import parse_qs, urlsplit

from odoo.tests import tagged

from .capture_common import LeadCaptureCommon

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
# What no visitor or caller may choose: owner, pipeline, stage, company, partner,
# probability, priority, score and follow-up status.
FORBIDDEN = ("user_id", "team_id", "stage_id", "company_id", "partner_id", "probability")


@tagged("post_install", "-at_install", "clinic_capture")
class TestCaptureFlags(LeadCaptureCommon):
    """Accept and flag, never refuse a reachable person; browsers; one door for leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_user = cls.env.ref("base.user_admin")
        cls.other_company = cls.env["res.company"].create({"name": "Elsewhere Clinic"})
        cls.stage = cls.env["crm.stage"].create({"name": "Won by poster", "is_won": True})
        cls.poster_partner = cls.env["res.partner"].create({"name": "Poster"})
        cls.status = cls.env["clinic.followup.status"].search([], limit=1)

    def forbidden_values(self):
        return {
            "user_id": str(self.other_user.id),
            "team_id": str(self.aba_team.id),
            "stage_id": str(self.stage.id),
            "company_id": str(self.other_company.id),
            "partner_id": str(self.poster_partner.id),
            "probability": "100",
            "priority": "3",
            "clinic_score": "99",
            "clinic_followup_status_id": str(self.status.id),
        }

    def assert_nothing_taken(self, lead):
        self.assertEqual(len(lead), 1)
        self.assertNotEqual(lead.user_id, self.other_user)
        self.assertNotEqual(lead.team_id, self.aba_team)
        self.assertNotEqual(lead.stage_id, self.stage)
        self.assertNotEqual(lead.company_id, self.other_company)
        self.assertFalse(lead.partner_id)
        self.assertNotEqual(lead.probability, 100)
        self.assertNotEqual(lead.priority, "3")
        self.assertNotEqual(lead.clinic_score, 99)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        self.assertFalse(attachments.filtered(lambda a: a.name != "cv.pdf"))

    def csrf(self, url):
        page = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    # ------------------------------------------------------------------
    # Accept and flag
    # ------------------------------------------------------------------

    def test_chorus_documentation_example_creates_a_flagged_lead(self):
        """Chorus' own example uses the fictional number 555-1234567: kept, flagged, called."""
        response = self.chorus(
            "POST",
            leadtype="Patient",
            firstName="John",
            lastName="Doe",
            email="john.doe@example.com",
            primaryContactFirstName="Jane",
            primaryContactLastName="Doe",
            phone="5551234567",
            state="CA",
            address1_postalcode="90210",
            message="Interested in services",
            hasDiagnosis="true",
            marketingSourceId="spring-ads",
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertEqual(body["status"], "received")
        self.assertEqual([w["field"] for w in body["warnings"]], ["phone"])
        lead = self.lead_by_receipt(body["receipt"])
        self.assertRecordValues(
            lead,
            [
                {
                    "phone": "5551234567",
                    "email_from": "john.doe@example.com",
                    "clinic_capture_flagged": True,
                    "zip": "90210",
                    "source_id": self.source.id,
                }
            ],
        )
        self.assertIn("Phone: “5551234567”", lead.clinic_capture_check)
        # The to-do is planned after the answer, with the first-contact call.
        self.assertFalse(lead.activity_ids)
        lead._clinic_after_capture()
        todo = lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(len(todo), 1)
        self.assertIn("Phone", todo.summary)
        self.assertEqual(todo.user_id, lead.user_id or lead.team_id.user_id or todo.user_id)
        self.assertIn(lead, self.env["crm.lead"].search([("clinic_capture_flagged", "=", True)]))
        # The same inquiry again is the same lead, found by the number as typed.
        again = self.api(
            {
                "leadtype": "Patient",
                "firstName": "John",
                "lastName": "Doe",
                "phone": "5551234567",
            }
        )
        self.assertEqual(self.lead_by_receipt(again.json()["receipt"]), lead)
        lead.action_clinic_capture_checked()
        self.assertFalse(lead.clinic_capture_flagged)

    def test_bad_zip_state_source_and_birthdate_are_kept_flagged(self):
        response = self.api(
            self.patient(
                address1_postalcode="1O0O1",
                state="Nowhere",
                marketingSourceId="campaign-2019",
                birthdate="05/02/2014",
                concern="teeth",
            )
        )
        self.assertEqual(response.status_code, 201, response.text)
        warnings = {w["field"] for w in response.json()["warnings"]}
        self.assertEqual(
            warnings, {"address1_postalcode", "state", "marketingSourceId", "birthdate", "concern"}
        )
        lead = self.lead_by_receipt(response.json()["receipt"])
        self.assertTrue(lead.clinic_capture_flagged)
        self.assertFalse(lead.clinic_birthdate)
        self.assertEqual(lead.source_id, self.source)  # the key's source
        for sent in ("1O0O1", "Nowhere", "campaign-2019", "05/02/2014", "teeth"):
            self.assertIn(f"“{sent}”", lead.clinic_capture_check)
        lead._clinic_after_capture()
        summaries = " ".join(lead.activity_ids.mapped("summary"))
        self.assertIn("Check on first contact", summaries)
        self.assertIn("Birthdate", summaries)

    def test_refusals_answer_their_status_and_errors(self):
        before = self.env["crm.lead"].search_count([])
        cases = [
            # (response, status, fields)
            (self.api(self.patient(), key="ck_wrong"), 401, {"subscriptionkey"}),
            (self.api({"leadtype": "Patient", "message": "hi"}), 400, {"firstName", "email"}),
            (self.api(self.patient(email="nope", phone="123")), 400, {"email", "phone"}),
            (self.api(self.patient(firstName="Ann", lastName="", email="", phone="")), 400, None),
            (self.api(None, raw=b"{not json"), 400, {None}),
            (self.api(self.patient(user_id=2, priority="3")), 400, {"user_id", "priority"}),
            (self.chorus("POST", **self.patient(team_id="1")), 400, {"team_id"}),
        ]
        for response, status, fields in cases:
            with self.subTest(status=status, fields=fields):
                self.assertEqual(response.status_code, status, response.text)
                errors = response.json()["errors"]
                self.assertTrue(errors)
                if fields:
                    self.assertEqual({e["field"] for e in errors}, fields)
        big = self.api(None, raw=b'{"message": "' + b"x" * 70000 + b'"}')
        self.assertEqual(big.status_code, 413)
        files = self.url_open(
            "/lead/create",
            data={"subscriptionkey": self.key, **self.patient()},
            files={"cv": ("cv.pdf", b"%PDF", "application/pdf")},
        )
        self.assertEqual(files.status_code, 400)
        self.assertEqual(self.env["crm.lead"].search_count([]), before)

    # ------------------------------------------------------------------
    # Browsers posting straight to /lead/create
    # ------------------------------------------------------------------

    def test_browser_form_post_is_redirected(self):
        response = self.url_open(
            "/lead/create",
            data={"subscriptionkey": self.key, **self.patient()},
            headers=BROWSER,
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/clinic/thank-you"))
        self.assertTrue(
            self.env["crm.lead"].search([("email_from", "=", "ava.parent@example.com")])
        )
        self.api_key.thank_you_url = "https://www.smile.example/thanks"
        response = self.url_open(
            "/lead/create?"
            + "&".join(
                f"{k}={v}"
                for k, v in {"subscriptionkey": self.key, **self.patient(firstName="Mia")}.items()
            ),
            headers=BROWSER,
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response.headers["Location"], "https://www.smile.example/thanks")
        # Refused: back to the page of the form, with the error.
        count = self.env["crm.lead"].search_count([])
        response = self.url_open(
            "/lead/create",
            data={"subscriptionkey": self.key, "leadtype": "Patient", "email": "x@example.com"},
            headers={**BROWSER, "Referer": "https://www.smile.example/contact?x=1"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.netloc, "www.smile.example")
        query = parse_qs(location.query)
        self.assertEqual(query["lead_status"], ["400"])
        self.assertIn("name", query["lead_error"][0])
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        # A machine caller keeps JSON.
        self.assertEqual(self.chorus("POST", **self.patient(firstName="Leo")).status_code, 201)

    # ------------------------------------------------------------------
    # One door: every public route that can create a lead
    # ------------------------------------------------------------------

    def test_public_routes_take_no_forbidden_field_and_no_file(self):
        forbidden = self.forbidden_values()
        pdf = ("cv.pdf", b"%PDF-1.4 cv", "application/pdf")
        # The API and the Chorus route refuse them (400), creating nothing.
        before = self.env["crm.lead"].search_count([])
        self.assertEqual(self.api(self.patient(**forbidden)).status_code, 400)
        self.assertEqual(self.chorus("POST", **self.patient(), **forbidden).status_code, 400)
        self.assertEqual(self.env["crm.lead"].search_count([]), before)
        # The consultation form ignores them and any file.
        data = {
            "csrf_token": self.csrf("/clinic/consultation"),
            "patient_first_name": "Noa",
            "phone": "212 736 5001",
            **forbidden,
        }
        response = self.url_open(
            "/clinic/consultation",
            data=data,
            files={"resume": pdf, "other": ("x.exe", b"MZ", "application/octet-stream")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text)
        self.assert_nothing_taken(self.env["crm.lead"].search([("clinic_first_name", "=", "Noa")]))
        # The job form keeps only its résumé.
        data = {
            "csrf_token": self.csrf("/clinic/join"),
            "first_name": "Ivo",
            "email": "ivo@example.com",
            **forbidden,
        }
        response = self.url_open(
            "/clinic/join",
            data=data,
            files={"resume": pdf, "photo": ("x.svg", b"<svg/>", "image/svg+xml")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text)
        lead = self.env["crm.lead"].search([("email_from", "=", "ivo@example.com")])
        self.assert_nothing_taken(lead)
        self.assertEqual(
            self.env["ir.attachment"]
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
            .mapped("name"),
            ["cv.pdf"],
        )
        # Odoo's form builder route goes through the same capture.
        response = self.url_open(
            "/website/form/crm.lead",
            data={
                "contact_name": "Eva Stone",
                "email_from": "eva.stone@example.com",
                "phone": "212 736 5002",
                "description": "Question about braces",
                "Favourite day": "Monday",
                **forbidden,
            },
            files={"attachment": ("x.html", b"<script>1</script>", "text/html")},
        )
        self.assertEqual(response.status_code, 200, response.text)
        lead = self.env["crm.lead"].search([("email_from", "=", "eva.stone@example.com")])
        self.assert_nothing_taken(lead)
        # A fresh receipt: neither the lead's id nor its reference.
        self.assertEqual(self.lead_by_receipt(response.json()["id"]), lead)
        self.assertNotIn(lead.clinic_lead_ref, response.text)
        self.assertNotIn(str(lead.id), response.text.replace(response.json()["id"], ""))
        self.assertEqual(lead.clinic_capture_channel, "web")
        self.assertEqual(lead.team_id.clinic_pipeline_type, "ortho")
        self.assertTrue(lead.clinic_capture_flagged)  # the file, not kept
        self.assertIn("x.html", lead.clinic_capture_check)
        self.assertIn("Favourite day: Monday", lead.description)
        log = self.env["clinic.capture.log"].search([("lead_id", "=", lead.id)])
        self.assertEqual((log.channel, log.result), ("form", "created"))
        # Its duplicate gate: the same person again is the same lead.
        again = self.url_open(
            "/website/form/crm.lead",
            data={"contact_name": "Eva Stone", "email_from": "eva.stone@example.com"},
        )
        self.assertEqual(self.lead_by_receipt(again.json()["id"]), lead)
        self.assertNotEqual(again.json(), response.json())
        # No name and no way to reach the person: refused, nothing created.
        count = self.env["crm.lead"].search_count([])
        refused = self.url_open("/website/form/crm.lead", data={"description": "hello"})
        self.assertEqual(refused.status_code, 400)
        self.assertIn("error", refused.json())
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
