# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ReferralCommon

VIEWERS = ("doctor", "clinical_staff", "billing", "read_only")
EDITORS = ("front_desk", "treatment_coordinator")
LETTER_READERS = ("doctor", "clinical_staff")


@tagged("post_install", "-at_install")
class TestReferralSecurity(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.referral = cls._new_lead(clinic_referred_by_id=cls.dentist.id).clinic_referral_ids
        cls.letter = cls.referral.letter_ids

    def _values(self):
        return {"provider_id": self.dentist.id, "patient_name": "Role Test"}

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_viewing_roles_see_but_cannot_change_referrals(self):
        for role in VIEWERS:
            with self.subTest(role=role):
                user = self.users[role]
                self.assertEqual(self.referral.with_user(user).provider_id, self.dentist)
                if role in LETTER_READERS:
                    self.assertTrue(self.letter.with_user(user).body_html)
                    self.referral.with_user(user).read(["findings", "treatment_summary"])
                else:
                    # Letters and the referral's findings are clinical: not for Billing
                    # or Read Only.
                    with self.assertRaises(AccessError):
                        self.letter.with_user(user).read(["body_html"])
                    for field in ("findings", "treatment_summary"):
                        with self.assertRaises(AccessError):
                            self.referral.with_user(user).read([field])
                with self.assertRaises(AccessError):
                    self.env["clinic.referral"].with_user(user).create(self._values())
                with self.assertRaises(AccessError):
                    self.referral.with_user(user).write({"reason": "changed"})
                with self.assertRaises(AccessError):
                    self.letter.with_user(user).write({"subject": "changed"})

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_front_desk_and_coordinator_edit_but_do_not_delete(self):
        for role in EDITORS:
            with self.subTest(role=role):
                user = self.users[role]
                referral = self.env["clinic.referral"].with_user(user).create(self._values())
                referral.write({"reason": "Crossbite"})
                self.assertEqual(referral.reason, "Crossbite")
                with self.assertRaises(AccessError):
                    referral.unlink()

    def test_clinic_admin_deletes_referrals(self):
        referral = self.env["clinic.referral"].create(self._values())
        referral.with_user(self.users["clinic_admin"]).unlink()
        self.assertFalse(referral.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_letter_senders_send_letters(self):
        for role in VIEWERS:
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.letter.with_user(self.users[role]).action_send()
        self.assertEqual(self.letter.state, "scheduled")
        self.letter.with_user(self.users["front_desk"]).action_send()
        self.assertEqual(self.letter.state, "sent")

    def test_front_desk_without_send_letters_cannot_send(self):
        user = self.users["front_desk"]
        send_group = self.env.ref("crm_referrals.group_clinic_referral_send_letters")
        # Take the permission back from this one person (it is granted one by one).
        user.group_ids = [(3, send_group.id)]
        front_desk = self.env.ref("crm_ortho_onboarding.group_clinic_front_desk")
        front_desk.implied_ids = [(3, send_group.id)]
        self.assertFalse(user.has_group("crm_referrals.group_clinic_referral_send_letters"))
        with self.assertRaises(AccessError):
            self.letter.with_user(user).action_send()

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_only_provider_managers_change_the_directory(self):
        for role in (*VIEWERS, *EDITORS):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.dentist.with_user(self.users[role]).write(
                    {"clinic_provider_specialty": "periodontist"}
                )
        self.dentist.with_user(self.users["clinic_admin"]).write(
            {"clinic_provider_specialty": "periodontist", "clinic_referral_communication": "fax"}
        )
        self.assertEqual(self.dentist.clinic_provider_specialty, "periodontist")

    def test_contact_form_with_empty_directory_fields_is_not_blocked(self):
        user = self.users["front_desk"]
        user.group_ids = [(4, self.env.ref("base.group_partner_manager").id)]
        partner = (
            self.env["res.partner"]
            .with_user(user)
            .create({"name": "Plain Contact", "clinic_is_referring_provider": False})
        )
        partner.write({"clinic_is_specialist": False, "name": "Plain Contact 2"})
        with self.assertRaises(AccessError):
            partner.write({"clinic_is_specialist": True})

    def test_manage_providers_alone_lets_a_person_keep_the_directory(self):
        user = self.users["front_desk"]
        user.group_ids = [
            (4, self.env.ref("crm_referrals.group_clinic_referral_manage_providers").id)
        ]
        provider = (
            self.env["res.partner"]
            .with_user(user)
            .create(
                {
                    "name": "Dr. Added",
                    "clinic_is_referring_provider": True,
                    "clinic_npi": "1222222220",
                }
            )
        )
        self.assertTrue(provider.clinic_is_referring_provider)

    def test_internal_user_outside_the_clinic_reads_contacts_without_referrals(self):
        employee = mail_new_test_user(
            self.env, login="test_plain_employee", groups="base.group_user"
        )
        dentist = self.dentist.with_user(employee)
        self.assertEqual(dentist.name, "Dr. Test Dentist")
        self.assertEqual(dentist.clinic_referral_count, 0)
        with self.assertRaises(AccessError):
            self.env["clinic.referral"].with_user(employee).search([])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_referrals_of_another_clinic_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Clinic"})
        referral = self.env["clinic.referral"].create({**self._values(), "company_id": other.id})
        user = self.users["clinic_admin"]
        self.assertNotIn(referral, self.env["clinic.referral"].with_user(user).search([]))
        with self.assertRaises(AccessError):
            referral.with_user(user).read(["provider_id"])
