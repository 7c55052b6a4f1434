# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon


class RecordsCommon(ClinicRolesCommon):
    """Clinic users per role plus a patient, a parent and an attorney."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["clinic.records.request"]
        cls.company = cls.env.company
        cls.colorado = cls.env.ref(
            "crm_records_requests.clinic_records_jurisdiction_us_co_practitioner"
        )
        cls.company.write(
            {
                "clinic_records_jurisdiction_id": cls.colorado.id,
                "clinic_records_require_prepayment": False,
                "clinic_records_hipaa_flat_fee": False,
                "clinic_records_escalation_user_id": cls.users["clinic_admin"].id,
                "clinic_records_warning_days": 5,
                "clinic_records_followup_days": 7,
            }
        )
        cls.patient = cls.env["res.partner"].create(
            {"name": "Lily Records", "clinic_is_patient": True, "email": "lily@example.com"}
        )
        cls.parent = cls.env["res.partner"].create(
            {"name": "Rose Records", "email": "rose@example.com"}
        )
        cls.attorney = cls.env["res.partner"].create(
            {"name": "Lex & Law LLP", "is_company": True, "email": "lex@example.com"}
        )
        cls.provider = cls.env["res.partner"].create(
            {"name": "Dr. Former Dentist", "email": "former@example.com"}
        )

    def _request(self, **vals):
        values = {"patient_id": self.patient.id, "requester_id": self.patient.id}
        values.update(vals)
        return self.Request.create(values)

    def _full_authorization(self):
        return {
            "auth_has_description": True,
            "auth_has_recipient": True,
            "auth_has_purpose": True,
            "auth_has_expiry": True,
            "auth_has_signature": True,
            "auth_has_revocation": True,
        }

    def _add_document(self, request, name="Chart", pages=2, content=b"chart"):
        return self.env["clinic.records.document"].create(
            {
                "request_id": request.id,
                "name": name,
                "file": base64.b64encode(content),
                "file_name": f"{name.lower()}.txt",
                "page_count": pages,
            }
        )

    def _released_request(self, doc_name, content, patient=None):
        """A request of ``patient`` (default: Lily) released on the portal with one document."""
        patient = patient or self.patient
        request = self.Request.create(
            {
                "patient_id": patient.id,
                "requester_id": patient.id,
                "delivery_method": "portal",
                "identity_method": "photo_id",
            }
        )
        request.action_start_verification()
        request.action_verify_identity()
        request.action_authorize()
        request.action_start_preparing()
        # Called from setUpClass with the class as ``self`` too: no bound-method call.
        RecordsCommon._add_document(self, request, name=doc_name, content=content)
        request.action_send()
        return request

    def _to_preparing(self, request):
        """Walk a request to Preparing as the clinic admin (who holds every permission)."""
        admin = self.users["clinic_admin"]
        request = request.with_user(admin)
        request.action_start_verification()
        request.identity_method = request.identity_method or "photo_id"
        request.action_verify_identity()
        request.action_authorize()
        request.action_start_preparing()
        return request
