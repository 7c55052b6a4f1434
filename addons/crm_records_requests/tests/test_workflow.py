# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsWorkflow(RecordsCommon):
    def test_patient_request_goes_from_received_to_completed(self):
        front_desk = self.users["front_desk"]
        request = self._request(delivery_method="portal").with_user(front_desk)
        self.assertEqual(request.state, "received")
        self.assertTrue(request.name.startswith("ROI-"))
        request.action_start_verification()
        request.identity_method = "photo_id"
        request.action_verify_identity()
        self.assertEqual(request.identity_verified_by_id, front_desk)
        request.with_user(self.users["clinic_admin"]).action_authorize()
        request.action_start_preparing()
        self._add_document(request)
        request.action_send()
        self.assertEqual(request.state, "sent")
        self.assertEqual(request.date_sent, fields.Date.context_today(request))
        self.assertTrue(request.sudo().access_token)
        self.assertEqual(request.release_partner_id, self.patient)
        self.assertTrue(request.is_on_time)
        self.assertEqual(request.on_time_rate, 100.0)
        request.action_complete()
        self.assertEqual(request.state, "completed")

    def test_front_desk_cannot_authorize_or_deny(self):
        request = self._request()
        request.action_start_verification()
        request.identity_method = "photo_id"
        request.action_verify_identity()
        front_desk_request = request.with_user(self.users["front_desk"])
        with self.assertRaisesRegex(UserError, "records:authorize"):
            front_desk_request.action_authorize()
        front_desk_request.write({"denial_reason": "other", "denial_note": "No."})
        with self.assertRaisesRegex(UserError, "records:authorize"):
            front_desk_request.action_deny()
        self.assertEqual(request.state, "verifying")

    def test_authorize_without_prepare_permission_cannot_prepare(self):
        authorizer = self.env["res.users"].create(
            {
                "name": "Only Authorizes",
                "login": "records_only_authorize",
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("crm_ortho_onboarding.group_clinic_read_only").id,
                            self.env.ref("crm_records_requests.group_clinic_records_authorize").id,
                        ],
                    )
                ],
            }
        )
        request = self._request()
        request.action_start_verification()
        request.identity_method = "known"
        request.action_verify_identity()
        request.with_user(authorizer).action_authorize()
        self.assertEqual(request.state, "authorized")
        with self.assertRaisesRegex(UserError, "records:prepare"):
            request.with_user(authorizer).action_start_preparing()

    def test_doctor_authorizes_the_release_but_does_not_prepare_it(self):
        """records:authorize belongs to the Doctor (specification): authorize, not prepare."""
        doctor = self.users["doctor"]
        request = self._request()
        request.action_start_verification()
        request.identity_method = "known"
        request.action_verify_identity()
        request.with_user(doctor).action_authorize()
        self.assertEqual(request.state, "authorized")
        with self.assertRaisesRegex(UserError, "records:prepare"):
            request.with_user(doctor).action_start_preparing()
        with self.assertRaises(AccessError):
            self.Request.with_user(doctor).create({"patient_id": self.patient.id})

    def test_view_only_roles_cannot_change_requests(self):
        request = self._request()
        for role in ("treatment_coordinator", "clinical_staff", "billing", "read_only"):
            with self.subTest(role=role):
                user = self.users[role]
                self.assertEqual(request.with_user(user).name, request.name)  # can see it
                with self.assertRaises(AccessError):
                    request.with_user(user).action_start_verification()
                with self.assertRaises(AccessError):
                    self.Request.with_user(user).create({"patient_id": self.patient.id})

    def test_status_cannot_be_written_directly_or_skipped(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "buttons"):
            request.write({"state": "sent"})
        with self.assertRaisesRegex(UserError, "cannot go to Authorized"):
            request.action_authorize()
        with self.assertRaisesRegex(UserError, "cannot go to Sent"):
            request.action_send()

    def test_third_party_needs_a_complete_hipaa_authorization(self):
        request = self._request(
            requester_type="attorney",
            requester_id=self.attorney.id,
            identity_method="notarized",
            **dict(self._full_authorization(), auth_has_revocation=False),
        )
        self.assertTrue(request.authorization_required)
        request.action_start_verification()
        request.action_verify_identity()
        with self.assertRaisesRegex(UserError, "right to revoke") as error:
            request.action_authorize()
        self.assertIn("Lex & Law LLP", str(error.exception))
        request.auth_has_revocation = True
        request.auth_expiry_date = date.today() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "authorization expired"):
            request.action_authorize()
        request.auth_expiry_date = date.today() + timedelta(days=90)
        request.action_authorize()
        self.assertEqual(request.state, "authorized")

    def test_authorization_expiring_before_release_blocks_the_release(self):
        request = self._request(
            requester_type="payer",
            requester_id=self.attorney.id,
            delivery_method="mail",
            delivery_tracking_ref="TRACK-1",
            auth_expiry_date=date.today() + timedelta(days=10),
            **self._full_authorization(),
        )
        self._to_preparing(request)
        request.auth_expiry_date = date.today() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "authorization expired"):
            request.action_send()
        self.assertEqual(request.state, "preparing")

    def test_identity_and_representative_authority_are_required(self):
        request = self._request(requester_type="guardian", requester_id=self.parent.id)
        self.assertFalse(request.authorization_required)
        request.action_start_verification()
        with self.assertRaisesRegex(UserError, "identity is not verified"):
            request.action_authorize()
        request.identity_method = "photo_id"
        request.action_verify_identity()
        with self.assertRaisesRegex(UserError, "representative's authority"):
            request.action_authorize()
        request.write({"representative_authority": "parent", "representative_verified": True})
        request.action_authorize()
        self.assertEqual(request.state, "authorized")

    def test_verify_identity_needs_the_method(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "how the identity was verified"):
            request.action_verify_identity()

    def test_denial_needs_reason_and_written_notice(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "reason and the written denial"):
            request.action_deny()
        request.write({"denial_reason": "not_held", "denial_note": "We never treated Lily."})
        request.action_deny()
        self.assertEqual(request.state, "denied")
        with self.assertRaises(UserError):
            request.action_withdraw()

    def test_prepayment_asks_for_confirmation(self):
        self.company.clinic_records_require_prepayment = True
        request = self._request(
            jurisdiction_id=self.env.ref(
                "crm_records_requests.clinic_records_jurisdiction_us_ny"
            ).id,
            record_format="paper",
            page_count=10,
            delivery_method="mail",
            delivery_tracking_ref="TRACK-2",
        )
        self._to_preparing(request)
        request.fee_amount = 7.5
        request.action_set_fee_due()
        with self.assertRaisesRegex(UserError, "paid before release"):
            request.action_send()
        request.action_send_unpaid()
        self.assertEqual(request.state, "sent")

    def test_delivery_needs_documents_or_tracking(self):
        request = self._to_preparing(self._request(delivery_method="portal"))
        with self.assertRaisesRegex(UserError, "add the prepared records"):
            request.action_send()
        request.delivery_method = "courier"
        with self.assertRaisesRegex(UserError, "tracking number"):
            request.action_send()
        request.delivery_tracking_ref = "1Z999"
        request.action_send()
        self.assertIn("1Z999", request.message_ids[0].body)

    def test_secure_email_carries_only_the_link(self):
        request = self._request(
            requester_type="guardian",
            requester_id=self.parent.id,
            representative_authority="parent",
            representative_verified=True,
            delivery_method="email_link",
        )
        self._to_preparing(request)
        self._add_document(request, "Treatment notes")
        request.action_send()
        mail = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(request.sudo().access_token, mail.body_html)
        self.assertIn(self.parent, mail.recipient_ids)
        self.assertNotIn("Lily", mail.body_html)
        self.assertNotIn("Treatment notes", mail.body_html)
        self.assertNotIn("Lily", mail.subject)

    def test_released_documents_cannot_change(self):
        request = self._to_preparing(self._request(delivery_method="portal"))
        document = self._add_document(request)
        request.action_send()
        with self.assertRaisesRegex(UserError, "kept as released"):
            document.name = "Other"
        with self.assertRaisesRegex(UserError, "kept as released"):
            document.unlink()

    def test_outgoing_request_follows_up_until_records_arrive(self):
        lead = self.lead
        lead.clinic_patient_id = self.patient
        action = lead.with_user(self.users["front_desk"]).action_clinic_request_previous_records()
        request = self.Request.with_context(**action["context"]).create(
            {"provider_id": self.provider.id}
        )
        self.assertEqual((request.direction, request.lead_id), ("outgoing", lead))
        request.action_send_request()
        self.assertEqual(request.state, "requested")
        # The clinic's today (user's time zone), which is not UTC's late in the day.
        today = fields.Date.context_today(request)
        self.assertEqual(request.date_next_followup, today + timedelta(days=7))
        self.assertEqual(len(request.activity_ids), 1)
        with self.assertRaisesRegex(UserError, "attach the records"):
            request.action_complete()
        self._add_document(request, "Prior X-rays")
        request.action_complete()
        self.assertEqual(request.state, "completed")
        self.assertFalse(request.activity_ids)
        self.assertIn("received", self.patient.message_ids[0].body)
        self.assertEqual(lead.clinic_records_request_count, 1)
        self.assertEqual(self.patient.clinic_records_request_count, 1)

    def test_outgoing_request_needs_a_provider(self):
        request = self._request(direction="outgoing")
        with self.assertRaisesRegex(UserError, "previous provider"):
            request.action_send_request()

    def test_lead_without_patient_cannot_request_records(self):
        with self.assertRaisesRegex(UserError, "Link or convert"):
            self.lead.action_clinic_request_previous_records()

    def test_written_denial_and_fee_receipt_print(self):
        request = self._request(
            requester_type="attorney",
            requester_id=self.attorney.id,
            jurisdiction_id=self.env.ref(
                "crm_records_requests.clinic_records_jurisdiction_us_ny"
            ).id,
            record_format="paper",
            page_count=10,
            fee_amount=7.5,
            denial_reason="not_held",
            denial_note="We hold no records for this period.",
            denial_review_rights=True,
        )
        request.action_deny()
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "crm_records_requests.action_report_records_denial_letter", request.ids
        )[0].decode()
        self.assertIn("We hold no records for this period.", html)
        self.assertIn("Office for", html)
        html = report._render_qweb_html(
            "crm_records_requests.action_report_records_fee_receipt", request.ids
        )[0].decode()
        self.assertIn("10 pages × 0.75", html)
        self.assertIn("NY PHL 18", html)

    def test_outgoing_request_from_the_patient(self):
        action = self.patient.with_user(
            self.users["front_desk"]
        ).action_clinic_request_previous_records()
        request = self.Request.with_context(**action["context"]).create(
            {"provider_id": self.provider.id}
        )
        self.assertRecordValues(
            request, [{"direction": "outgoing", "patient_id": self.patient.id, "state": "draft"}]
        )
