# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .capture_common import LeadCaptureCommon


@tagged("post_install", "-at_install", "clinic_capture")
class TestLeadApi(LeadCaptureCommon):
    """/lead/create (Chorus) and /api/v1/leads: codes, fields, repeats, limits."""

    def test_key_is_shown_once_and_only_its_hash_is_stored(self):
        self.assertTrue(self.key.startswith("ck_"))
        stored = self.api_key.sudo().key_hash
        self.assertEqual(stored, hashlib.sha256(self.key.encode()).hexdigest())
        self.assertEqual(self.api_key.key_hint, self.key[:8])
        self.assertFalse(self.env["clinic.api.key.reveal"].search([]))
        self.assertEqual(self.api_key.state, "active")

    def test_chorus_get_creates_a_patient_lead_with_every_parameter(self):
        team = self.aba_team
        self.api_key.team_id = team
        response = self.chorus(
            leadtype="Patient",
            firstName="Leo",
            lastName="Park",
            email="  Park.Family@Example.com ",
            primaryContactFirstName="Jin",
            primaryContactLastName="Park",
            phone="212-736-5000",
            state="NY",
            address1_postalcode="10001",
            message="Looking for ABA services",
            hasDiagnosis="true",
            marketingSourceId="spring-ads",
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertEqual(body["status"], "received")
        lead = self.lead_by_receipt(body["receipt"])
        self.assertRecordValues(
            lead,
            [
                {
                    "clinic_lead_type": "patient",
                    "clinic_first_name": "Leo",
                    "clinic_last_name": "Park",
                    "clinic_contact_first_name": "Jin",
                    "clinic_contact_last_name": "Park",
                    "email_from": "park.family@example.com",
                    "phone": "+12127365000",
                    "state_id": self.env.ref("base.state_us_27").id,
                    "zip": "10001",
                    "clinic_has_diagnosis": True,
                    "source_id": self.source.id,
                    "team_id": team.id,
                    "clinic_capture_channel": "api",
                    "clinic_api_key_id": self.api_key.id,
                    "type": "lead",
                }
            ],
        )
        self.assertIn("Looking for ABA services", lead.description)
        # The follow-up engine's SLA: a first call is planned (after the answer).
        self.assertTrue(lead.clinic_first_contact_due)
        lead._clinic_after_capture()
        self.assertIn("First contact", lead.activity_ids.mapped("summary"))
        log = self.env["clinic.capture.log"].search([("lead_id", "=", lead.id)])
        self.assertRecordValues(
            log,
            [
                {
                    "key_id": self.api_key.id,
                    "status_code": 201,
                    "result": "created",
                    "channel": "chorus",
                    "http_method": "GET",
                }
            ],
        )
        self.assertTrue(log.ip)

    def test_chorus_post_form_and_practitioner_lead(self):
        response = self.chorus(
            "POST",
            leadtype="practitioner",
            firstName="Dana",
            lastName="Ruiz",
            email="dana.ruiz@example.com",
        )
        self.assertEqual(response.status_code, 201, response.text)
        lead = self.lead_by_receipt(response.json()["receipt"])
        self.assertEqual(lead.clinic_lead_type, "practitioner")
        self.assertEqual(lead.team_id.clinic_pipeline_type, "practitioner")
        self.assertEqual(lead.source_id, self.source)

    def test_json_api_takes_consent_utm_location_and_birthdate(self):
        campaign = self.env["utm.campaign"].create({"name": "Back to school"})
        location = self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        response = self.api(
            self.patient(
                birthdate="2014-05-02",
                concern="crowding",
                insurance="Delta Dental",
                location=location.name,
                utm_campaign="back to school",
                consentSms=True,
                consentText="I agree to texts.",
                marketingSourceId=str(self.source.id),
            )
        )
        self.assertEqual(response.status_code, 201, response.text)
        lead = self.lead_by_receipt(response.json()["receipt"])
        self.assertEqual(str(lead.clinic_birthdate), "2014-05-02")
        self.assertEqual(lead.clinic_concern, "crowding")
        self.assertEqual(lead.clinic_insurance_carrier, "Delta Dental")
        self.assertEqual(lead.clinic_preferred_team_ids, location)
        self.assertEqual(lead.campaign_id, campaign)
        self.assertTrue(lead.clinic_consent_sms)
        self.assertFalse(lead.clinic_consent_phone)
        self.assertEqual(lead.clinic_consent_text, "I agree to texts.")
        self.assertTrue(lead.clinic_consent_date)

    def test_missing_unknown_and_revoked_keys_get_401(self):
        count = self.env["crm.lead"].search_count([])
        self.assertEqual(self.chorus(key="", **self.patient()).status_code, 401)
        self.assertEqual(self.chorus(key="ck_not_a_key", **self.patient()).status_code, 401)
        self.api_key.action_revoke()
        response = self.api(self.patient())
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["errors"][0]["field"], "subscriptionkey")
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        self.assertEqual(
            self.env["clinic.capture.log"].search_count([("result", "=", "unauthorized")]), 3
        )

    def test_invalid_optional_fields_are_kept_and_flagged_not_refused(self):
        response = self.chorus(
            leadtype="Customer",
            firstName="Zoe",
            email="not-an-email",
            phone="212 736 5000",
            address1_postalcode="ABCDE",
            hasDiagnosis="maybe",
            marketingSourceId="nope",
            state="Atlantis",
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        fields = {warning["field"] for warning in body["warnings"]}
        self.assertEqual(
            fields,
            {
                "leadtype",
                "email",
                "address1_postalcode",
                "hasDiagnosis",
                "marketingSourceId",
                "state",
            },
        )
        self.assertNotIn("not-an-email", response.text)
        lead = self.lead_by_receipt(body["receipt"])
        self.assertTrue(lead.clinic_capture_flagged)
        for sent in ("not-an-email", "ABCDE", "maybe", "nope", "Atlantis", "Customer"):
            self.assertIn(f"“{sent}”", lead.clinic_capture_check)
        log = self.env["clinic.capture.log"].search([("lead_id", "=", lead.id)])
        self.assertEqual(log.result, "created")
        self.assertIn("email", log.warning_fields)

    def test_name_and_contact_are_required(self):
        response = self.api({"leadtype": "Patient"})
        self.assertEqual(response.status_code, 400)
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"firstName", "email"})

    def test_malformed_bodies_and_encodings_get_400(self):
        cases = [
            b"{not json",
            b"[1, 2]",
            b'{"leadtype": "Patient", "firstName": "\\ud800", "email": "a@example.com"}',
            b'{"leadtype": "Patient", "firstName": {"x": 1}, "email": "a@example.com"}',
            b'{"leadtype": "Patient", "firstName": "A\\u0000B", "email": "a@example.com"}',
            b"\xff\xfe\xfa",
        ]
        for raw in cases:
            with self.subTest(raw=raw):
                self.assertEqual(self.api(None, raw=raw).status_code, 400)
        # Invalid UTF-8 in a form post and in a query string.
        response = self.url_open(
            "/lead/create",
            data=b"subscriptionkey=" + self.key.encode() + b"&leadtype=Patient&firstName=%ff%fe"
            b"&email=a%40example.com",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            f"/lead/create?subscriptionkey={self.key}&leadtype=Patient&firstName=%C3%28"
            "&email=a%40example.com"
        )
        self.assertEqual(response.status_code, 400)

    def test_unknown_json_fields_are_refused(self):
        response = self.api(self.patient(favouriteColour="blue"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["field"], "favouriteColour")

    def test_huge_fields_and_bodies_are_refused(self):
        response = self.api(self.patient(message="x" * 5001))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["field"], "message")
        response = self.api(self.patient(firstName="A" * 101))
        self.assertEqual(response.status_code, 400)
        response = self.api(None, raw=b'{"message": "' + b"x" * 70000 + b'"}')
        self.assertEqual(response.status_code, 413)

    def test_injection_strings_are_stored_inertly(self):
        name = "Robert'); DROP TABLE crm_lead;--"
        response = self.api(
            self.patient(firstName=name, message="<script>alert('x')</script><b>hi</b>")
        )
        self.assertEqual(response.status_code, 201, response.text)
        lead = self.lead_by_receipt(response.json()["receipt"])
        self.assertEqual(lead.clinic_first_name, name)
        self.assertNotIn("<script>", lead.description)
        self.assertIn("&lt;script&gt;", lead.description)
        self.assertNotIn("Robert", response.text)

    def test_idempotency_key_returns_the_same_lead(self):
        headers = {"Idempotency-Key": "order-42"}
        first = self.api(self.patient(), headers=headers)
        # Another contact with the same idempotency key is still the same submission.
        second = self.api(self.patient(email="other@example.com", phone=""), headers=headers)
        self.assertEqual(first.status_code, 201)
        self.assertEqual(second.status_code, 201)
        self.assertEqual(first.json()["receipt"], second.json()["receipt"])
        self.assertTrue(second.json()["duplicate"])
        self.assertEqual(len(self.lead_by_receipt(first.json()["receipt"])), 1)
        self.assertFalse(self.env["crm.lead"].search([("email_from", "=", "other@example.com")]))

    def test_repeat_within_the_window_finds_the_recent_lead(self):
        first = self.api(self.patient())
        self.assertEqual(first.status_code, 201)
        second = self.chorus(**self.patient(email="AVA.PARENT@example.com"))
        self.assertNotIn("duplicate", second.json())
        leads = self.env["crm.lead"].search([("email_normalized", "=", "ava.parent@example.com")])
        self.assertEqual(len(leads), 1)
        self.assertEqual(self.lead_by_receipt(second.json()["receipt"]), leads)
        self.assertEqual(self.env["clinic.capture.log"].search([], limit=1).result, "duplicate")

    def test_a_repeat_is_answered_like_a_new_person(self):
        """No existence oracle: a known person's answer has the same shape as a new one's,
        with a fresh receipt, never the lead's reference."""
        first = self.api(self.patient())
        repeat = self.api(self.patient())
        stranger = self.api(self.patient(firstName="Mai", email="mai@example.com", phone=""))
        lead = self.lead_by_receipt(first.json()["receipt"])
        self.assertEqual(self.lead_by_receipt(repeat.json()["receipt"]), lead)
        self.assertEqual(
            {first.status_code, repeat.status_code, stranger.status_code}, {201}, repeat.text
        )
        answers = [first.json(), repeat.json(), stranger.json()]
        self.assertEqual({tuple(sorted(a)) for a in answers}, {tuple(sorted(answers[0]))})
        receipts = [a["receipt"] for a in answers]
        self.assertEqual(len(set(receipts)), 3)
        for answer, response in zip(answers, (first, repeat, stranger), strict=True):
            self.assertEqual(answer["reference"], answer["receipt"])
            self.assertNotIn(lead.clinic_lead_ref, response.text)

    def test_another_child_of_the_same_parent_is_a_new_lead(self):
        first = self.api(self.patient())
        second = self.api(self.patient(firstName="Mai"))
        self.assertNotEqual(
            self.lead_by_receipt(first.json()["receipt"]),
            self.lead_by_receipt(second.json()["receipt"]),
        )

    def test_open_lead_gets_a_note_and_an_activity_instead_of_a_card(self):
        first = self.api(self.patient())
        lead = self.lead_by_receipt(first.json()["receipt"])
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = create_date - interval '3 days' WHERE id = %s",
            [lead.id],
        )
        lead.invalidate_recordset(["create_date"])
        second = self.api(self.patient(message="Still interested, please call"))
        self.assertEqual(self.lead_by_receipt(second.json()["receipt"]), lead)
        log = self.env["clinic.capture.log"].search([], limit=1)
        self.assertEqual((log.result, log.followup_pending), ("linked", True))
        # Nothing written on the lead inside the request: the after-capture job does it.
        lead.invalidate_recordset()
        self.assertNotIn("New inquiry from the same person", lead.activity_ids.mapped("summary"))
        self.assertFalse(any("Still interested" in (m.body or "") for m in lead.message_ids))
        self.after_capture()
        lead.invalidate_recordset()
        self.assertIn("New inquiry from the same person", lead.activity_ids.mapped("summary"))
        self.assertIn("Still interested", lead.message_ids[0].body)
        self.assertEqual(lead.message_ids[0].subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(log.followup_pending)
        self.assertFalse(log.sudo().followup_vals, "the inquiry is not kept in the log")
        # Done once.
        self.after_capture()
        self.assertEqual(
            lead.activity_ids.mapped("summary").count("New inquiry from the same person"), 1
        )

    def test_existing_patient_gets_an_activity_instead_of_a_card(self):
        patient = self.env["res.partner"].create(
            {"name": "Ava Nguyen", "email": "ava.parent@example.com", "clinic_is_patient": True}
        )
        count = self.env["crm.lead"].search_count([])
        response = self.api(self.patient(message="Bracket came loose"))
        self.assertEqual(response.status_code, 201)
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        self.assertFalse(patient.activity_ids, "written by the after-capture job")
        self.after_capture()
        self.assertIn(
            "New inquiry from an existing patient", patient.activity_ids.mapped("summary")
        )
        self.assertNotIn(patient.clinic_patient_ref or "PT-", response.text)
        log = self.env["clinic.capture.log"].search([], limit=1)
        self.assertEqual((log.result, log.partner_id), ("linked", patient))

    def test_rate_limit_answers_429_with_retry_after(self):
        self.api_key.rate_limit = 2
        for index in range(2):
            self.assertEqual(self.api(self.patient(firstName=f"Kid{index}")).status_code, 201)
        response = self.api(self.patient(firstName="Kid3"))
        self.assertEqual(response.status_code, 429)
        self.assertGreater(int(response.headers["Retry-After"]), 0)
        self.assertLessEqual(int(response.headers["Retry-After"]), 60)
        self.assertEqual(self.env["clinic.capture.log"].search([], limit=1).result, "rate_limited")

    def test_key_guessing_is_throttled_per_ip(self):
        self.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.capture_unknown_key_per_minute", "3"
        )
        codes = [self.chorus(key=f"guess{i}", **self.patient()).status_code for i in range(4)]
        self.assertEqual(codes, [401, 401, 401, 429])

    def test_cors_preflight_and_origins(self):
        self.api_key.allowed_origins = "https://www.smile.example\nhttps://ads.example"
        preflight = self.url_open(
            "/api/v1/leads",
            method="OPTIONS",
            headers={
                "Origin": "https://www.smile.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, x-api-key",
            },
        )
        self.assertEqual(preflight.status_code, 204)
        self.assertEqual(
            preflight.headers["Access-Control-Allow-Origin"], "https://www.smile.example"
        )
        self.assertIn("X-API-Key", preflight.headers["Access-Control-Allow-Headers"])
        refused = self.url_open(
            "/lead/create", method="OPTIONS", headers={"Origin": "https://evil.example"}
        )
        self.assertEqual(refused.status_code, 403)
        self.assertNotIn("Access-Control-Allow-Origin", refused.headers)
        response = self.api(self.patient(), headers={"Origin": "https://evil.example"})
        self.assertEqual(response.status_code, 403)
        response = self.api(self.patient(), headers={"Origin": "https://ads.example"})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.headers["Access-Control-Allow-Origin"], "https://ads.example")

    def test_key_limited_to_a_pipeline_flags_other_lead_types(self):
        self.api_key.team_id = self.practitioner_team
        response = self.api(self.patient())
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["warnings"][0]["field"], "leadtype")
        lead = self.lead_by_receipt(response.json()["receipt"])
        # Not lost in the recruiting pipeline: the patient pipeline, flagged.
        self.assertEqual(lead.clinic_lead_type, "patient")
        self.assertNotEqual(lead.team_id, self.practitioner_team)
        self.assertTrue(lead.clinic_capture_flagged)

    @mute_logger("odoo.addons.crm_clinic_capture.controllers.lead_api")
    def test_unexpected_failure_is_a_400_without_trace(self):
        def boom(*args, **kwargs):
            raise RuntimeError("secret internals")

        self.patch(type(self.env["crm.lead"]), "_clinic_capture_create", boom)
        response = self.api(self.patient())
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("secret internals", response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertFalse(
            self.env["crm.lead"].search([("email_from", "=", "ava.parent@example.com")])
        )

    def _auto_reply_templates(self):
        self.api_key.auto_reply_mail_template_id = self.env["mail.template"].create(
            {
                "name": "Thanks for your request",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "subject": "We received your request",
                "body_html": "<p>We will call you soon.</p>",
                "email_to": "{{ object.email_from }}",
            }
        )
        self.api_key.auto_reply_sms_template_id = self.env["sms.template"].create(
            {
                "name": "Thanks by text",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "body": "We received your request and will call you soon.",
            }
        )

    def _auto_replies(self, lead):
        mails = lead.message_ids.filtered(lambda m: m.subject == "We received your request")
        texts = self.env["sms.sms"].search([("body", "ilike", "will call you soon")])
        return mails, texts.filtered(lambda sms: sms.number == lead.phone_sanitized)

    def test_new_lead_gets_the_keys_auto_reply_but_a_repeat_does_not(self):
        self._auto_reply_templates()
        consent = {"consentEmail": True, "consentSms": True, "consentText": "I agree."}
        first = self.api(self.patient(**consent))
        lead = self.lead_by_receipt(first.json()["receipt"])
        lead._clinic_after_capture()
        mails, texts = self._auto_replies(lead)
        self.assertEqual((len(mails), len(texts)), (1, 1))
        self.api(self.patient(**consent))
        self.after_capture()
        mails, texts = self._auto_replies(lead)
        self.assertEqual((len(mails), len(texts)), (1, 1))

    def test_capture_request_sends_no_mail_and_no_text(self):
        """The auto-replies are the after-capture job's: the request only writes the lead."""
        self._auto_reply_templates()
        mails_before = self.env["mail.mail"].search_count([])
        response = self.api(
            self.patient(consentEmail=True, consentSms=True, consentText="I agree.")
        )
        self.assertEqual(response.status_code, 201, response.text)
        lead = self.lead_by_receipt(response.json()["receipt"])
        mails, texts = self._auto_replies(lead)
        self.assertFalse(mails, "an auto-reply e-mail was posted inside the request")
        self.assertFalse(texts, "an auto-reply text was queued inside the request")
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
        self.assertFalse(lead.message_ids.filtered(lambda m: m.message_type == "comment"))
        self.assertTrue(lead.clinic_after_capture_pending)
        self.after_capture()
        mails, texts = self._auto_replies(lead)
        self.assertEqual((len(mails), len(texts)), (1, 1))
        self.assertEqual(texts.state, "outgoing")  # queued for Odoo's SMS cron

    def test_auto_replies_need_consent_and_respect_opt_outs(self):
        """Anyone with the site's key must not make the clinic mail or text a stranger."""
        self._auto_reply_templates()
        no_consent = self.lead_by_receipt(self.api(self.patient()).json()["receipt"])
        opted_out = self.lead_by_receipt(
            self.api(
                self.patient(
                    firstName="Mai",
                    email="mai.parent@example.com",
                    phone="(212) 736-5001",
                    consentEmail=True,
                    consentSms=True,
                    consentText="I agree.",
                )
            ).json()["receipt"]
        )
        self.env["mail.blacklist"]._add("mai.parent@example.com")
        self.env["phone.blacklist"]._add(["+12127365001"])
        (no_consent | opted_out)._clinic_after_capture()
        for lead in no_consent | opted_out:
            with self.subTest(lead=lead.clinic_first_name):
                mails, texts = self._auto_replies(lead)
                self.assertFalse(mails)
                self.assertFalse(texts)

    def test_openapi_document_is_served(self):
        response = self.url_open("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        document = response.json()
        self.assertEqual(document["openapi"], "3.1.0")
        self.assertIn("post", document["paths"]["/api/v1/leads"])
        self.assertIn("get", document["paths"]["/lead/create"])
        schema = document["components"]["schemas"]["Lead"]
        self.assertFalse(schema["additionalProperties"])
        self.assertEqual(schema["properties"]["message"]["maxLength"], 5000)

    def test_public_user_gains_no_access_to_leads_keys_or_log(self):
        public = self.env.ref("base.public_user")
        for model in ("crm.lead", "clinic.api.key", "clinic.capture.log", "clinic.capture.lock"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(public).check_access("read")
        self.api(self.patient())
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(public).search([]).check_access("read")

    def test_old_log_lines_are_purged(self):
        self.api(self.patient())
        log = self.env["clinic.capture.log"].search([], limit=1)
        self.env.cr.execute(
            "UPDATE clinic_capture_log SET create_date = %s WHERE id = %s",
            [log.create_date - timedelta(days=400), log.id],
        )
        log.invalidate_recordset()
        self.env["clinic.capture.log"]._gc_capture_log()
        self.assertFalse(log.exists())
