# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsSecurity(RecordsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.Request.create(
            {"patient_id": cls.patient.id, "requester_id": cls.patient.id}
        )
        cls.document = cls.env["clinic.records.document"].create(
            {"request_id": cls.request.id, "name": "Chart", "file": "Y2hhcnQ=", "page_count": 1}
        )

    def test_only_records_permissions_see_the_records_themselves(self):
        for role in ("treatment_coordinator", "clinical_staff", "billing", "read_only"):
            with self.subTest(role=role):
                user = self.users[role]
                with self.assertRaises(AccessError):
                    self.document.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.document.with_user(user).file  # noqa: B018
                # the attachment behind the file follows the document's rights
                attachment = self.env["ir.attachment"].search(
                    [
                        ("res_model", "=", "clinic.records.document"),
                        ("res_id", "=", self.document.id),
                        ("res_field", "=", "file"),
                    ]
                )
                self.assertTrue(attachment)
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["datas"])
                # the request itself stays visible, without its documents
                self.assertEqual(self.request.with_user(user).document_count, 1)
        # Front Desk prepares the records; a Doctor (records:authorize) reads what is released.
        for role in ("front_desk", "doctor", "clinic_admin"):
            with self.subTest(role=role):
                self.assertEqual(self.document.with_user(self.users[role]).name, "Chart")

    def test_release_token_hidden_from_view_only_roles(self):
        self.request.sudo()._portal_ensure_token()
        with self.assertRaises(AccessError):
            self.request.with_user(self.users["read_only"]).read(["access_token"])
        token = self.request.with_user(self.users["front_desk"]).read(["access_token"])
        self.assertTrue(token[0]["access_token"])

    def test_front_desk_edits_but_does_not_delete(self):
        request = self.request.with_user(self.users["front_desk"])
        request.purpose = "School transfer"
        with self.assertRaises(AccessError):
            request.unlink()

    def test_only_admins_edit_jurisdiction_rules(self):
        rule = self.colorado
        for role in ("front_desk", "treatment_coordinator", "read_only"):
            with self.subTest(role=role):
                self.assertTrue(rule.with_user(self.users[role]).citation)
                with self.assertRaises(AccessError):
                    rule.with_user(self.users[role]).deadline_days = 10
        rule.with_user(self.users["clinic_admin"]).notes = "Confirmed by our counsel."

    def test_other_clinic_cannot_see_requests(self):
        other_company = self.env["res.company"].create({"name": "Other Clinic"})
        outsider = self.env["res.users"].create(
            {
                "name": "Other Clinic Admin",
                "login": "records_other_clinic_admin",
                "company_id": other_company.id,
                "company_ids": [(6, 0, [other_company.id])],
                "group_ids": [(6, 0, [self.env.ref("crm_ortho_onboarding.group_clinic_admin").id])],
            }
        )
        self.assertFalse(self.Request.with_user(outsider).search([("id", "=", self.request.id)]))
        with self.assertRaises(AccessError):
            self.request.with_user(outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.document.with_user(outsider).read(["name"])

    def test_portal_user_has_no_backend_access(self):
        portal = self.env["res.users"].create(
            {
                "name": "Portal Parent",
                "login": "records_portal_parent",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.request.with_user(portal).read(["name"])
