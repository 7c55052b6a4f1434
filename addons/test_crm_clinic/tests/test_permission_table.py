# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The special permissions table, permission by role, against what each role can really do.

The table is each addon's ``security/clinic_permissions.csv`` (the clinic's specification;
the README table is generated from the same files by tools/gen_permission_table.py). For
every permission and every clinic role, the test runs the permission's own action as a
user of that role (qualify a lead, authorize a records release, send a referral letter…)
and checks it is allowed exactly where the table says, and that the button or menu that
leads to it shows exactly then. A permission added to a table without an action here fails.
"""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_ortho_onboarding.tests.common import (
    CLINIC_ROLES,
    ClinicRolesCommon,
    clinic_permission_table,
)


class _Undo(Exception):
    """Rolls a probe back once its outcome is known."""

    def __init__(self, outcome):
        super().__init__()
        self.outcome = outcome


def _form_arch(env, model):
    """The form the user is shown ('' when they may not open the model at all)."""
    if not env[model].has_access("read"):
        return ""
    return env[model].get_views([(False, "form")])["views"]["form"]["arch"]


def _menu_visible(env, xmlid):
    return env.ref(xmlid).id in env["ir.ui.menu"]._visible_menu_ids()


@tagged("post_install", "-at_install", "clinic_roles")
class TestPermissionTable(ClinicRolesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = clinic_permission_table(cls.env)
        cls.company = cls.env.company
        cls.company.write(
            {
                "clinic_records_require_prepayment": False,
                "clinic_records_hipaa_flat_fee": False,
            }
        )
        cls.env["ir.config_parameter"].sudo().set_param("crm_referrals.auto_thank_you", "True")
        cls.provider = cls.env["res.partner"].create(
            {
                "name": "Dr. Table Dentist",
                "email": "table.dentist@example.com",
                "clinic_is_referring_provider": True,
            }
        )
        cls.patient = cls.env["res.partner"].create(
            {"name": "Table Patient", "clinic_is_patient": True, "email": "tp@example.com"}
        )
        cls.submission = (
            cls.env["survey.survey"]
            .create({"title": "Table form"})
            ._create_answer(email="parent@example.com", check_attempts=False)
        )

    # ------------------------------------------------------------------ fixtures (superuser)
    def _new_lead(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Table lead",
                "clinic_lead_type": "patient",
                "clinic_first_name": "Ada",
                "clinic_last_name": "Table",
                "email_from": "ada.table@example.com",
                "type": "lead",
                "team_id": self.ortho_team.id,
                "user_id": self.users["treatment_coordinator"].id,
                **values,
            }
        )

    def _records_request(self, state):
        request = self.env["clinic.records.request"].create(
            {"patient_id": self.patient.id, "requester_id": self.patient.id}
        )
        request.action_start_verification()
        request.identity_method = "known"
        request.action_verify_identity()
        if state == "authorized":
            request.action_authorize()
        self.assertEqual(request.state, state)
        return request

    # ------------------------------------------------------------------ the actions
    # Each returns True when the user did it; AccessError/UserError mean refused.
    def _do_lead_create(self, user):
        lead = (
            self.env["crm.lead"]
            .with_user(user)
            .create({"name": "Walk-in", "clinic_first_name": "Noah", "type": "lead"})
        )
        return bool(lead.exists())

    def _do_lead_assign(self, user):
        lead = self._new_lead()
        target = (
            self.users["front_desk"]
            if user != self.users["front_desk"]
            else self.users["clinic_admin"]
        )
        lead.with_user(user).write({"user_id": target.id})
        return lead.user_id == target

    def _do_lead_convert(self, user):
        lead = self._new_lead()
        action = lead.with_user(user).action_clinic_qualify()
        wizard = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        wizard.save().action_apply()
        return lead.type == "opportunity"

    def _do_intake_configure(self, user):
        form = self.env["survey.survey"].with_user(user).create({"title": "Consent (table)"})
        form.write({"title": "Consent, renamed"})
        return form.title == "Consent, renamed"

    def _do_intake_view_submissions(self, user):
        return self.submission.with_user(user).read(["email"])[0]["email"] == "parent@example.com"

    def _do_referral_manage_providers(self, user):
        provider = (
            self.env["res.partner"]
            .with_user(user)
            .create({"name": "Dr. New Referrer", "clinic_is_referring_provider": True})
        )
        return provider.clinic_is_referring_provider

    def _do_referral_send_letters(self, user):
        lead = self._new_lead(type="opportunity", clinic_referred_by_id=self.provider.id)
        letter = lead.clinic_referral_ids.letter_ids[:1]
        self.assertTrue(letter, "a referred lead queues a thank-you letter")
        letter.with_user(user).action_send()
        return letter.state in ("sent", "to_print")

    def _do_records_authorize(self, user):
        request = self._records_request("verifying")
        request.with_user(user).action_authorize()
        return request.state == "authorized"

    def _do_records_prepare(self, user):
        request = self._records_request("authorized")
        request.with_user(user).action_start_preparing()
        return request.state == "preparing"

    def _do_recruiting_hire(self, user):
        candidate = self._new_lead(clinic_lead_type="practitioner", name="Candidate", user_id=False)
        return bool(self.env["crm.lead"].with_user(user).search([("id", "=", candidate.id)]))

    def _do_treatment_approve_plans(self, user):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_clinic_treatment.plan_approval_amount", "5000"
        )
        plan = self.env["clinic.treatment.plan"].create(
            {"name": "Full-arch implants", "patient_id": self.patient.id}
        )
        self.env["clinic.treatment.procedure"].create(
            {"plan_id": plan.id, "code": "D6010", "name": "Implants", "fee": 9000}
        )
        plan.with_user(user).action_approve()
        return plan.is_approved

    # ------------------------------------------------------------------ what the screen offers
    # The button or menu that leads to the action (None: no control of its own).
    def _shows(self, permission, user):
        env = self.env(user=user)
        shows = {
            "lead:create": lambda: env["crm.lead"].has_access("create"),
            "lead:convert": lambda: "action_clinic_qualify" in _form_arch(env, "crm.lead"),
            "intake:configure": lambda: _menu_visible(
                env, "crm_intake_forms.menu_clinic_crm_intake_import"
            ),
            "intake:view_submissions": lambda: _menu_visible(
                env, "crm_intake_forms.menu_clinic_crm_intake_submissions"
            ),
            "referral:send_letters": lambda: (
                "action_send" in _form_arch(env, "clinic.referral.letter")
            ),
            "records:authorize": lambda: (
                "action_authorize" in _form_arch(env, "clinic.records.request")
            ),
            "records:prepare": lambda: (
                "action_start_preparing" in _form_arch(env, "clinic.records.request")
            ),
            "treatment:approve_plans": lambda: (
                'name="action_approve"' in _form_arch(env, "clinic.treatment.plan")
            ),
        }
        return shows[permission]() if permission in shows else None

    def _try(self, permission, user):
        """(allowed, why refused) of the permission's action done by ``user``, undone after."""
        action = getattr(self, "_do_" + permission.replace(":", "_"), None)
        self.assertTrue(action, f"{permission}: the table has it, this test has no action for it")
        try:
            with self.env.cr.savepoint():
                raise _Undo(action(user))
        except _Undo as undo:
            return undo.outcome, ""
        except UserError as error:  # AccessError is a UserError
            return False, str(error)

    @mute_logger(
        "odoo.addons.base.models.ir_model",
        "odoo.addons.base.models.ir_rule",
        "odoo.models.unlink",
    )
    def test_each_role_can_do_exactly_what_the_table_says(self):
        self.assertTrue(self.table)
        for permission, row in self.table.items():
            for role in CLINIC_ROLES:
                user = self.users[role]
                expected = role in row["roles"]
                with self.subTest(permission=permission, role=role):
                    allowed, why = self._try(permission, user)
                    self.assertEqual(
                        allowed,
                        expected,
                        f"{role} {'should' if expected else 'should not'} be able to "
                        f"{permission} ({why or 'allowed'})",
                    )
                    self.assertEqual(user.has_group(row["group"]), expected)
                    shows = self._shows(permission, user)
                    if shows is not None:
                        self.assertEqual(shows, expected, f"{role}: {permission} on screen")

    def test_the_table_covers_the_specification(self):
        """The nine permissions of the specification are in the table, with their roles."""
        specification = {
            "lead:create": {"front_desk", "treatment_coordinator"},
            "lead:assign": {"clinic_admin", "treatment_coordinator"},
            "lead:convert": {"treatment_coordinator", "front_desk"},
            "intake:configure": {"clinic_admin"},
            "intake:view_submissions": {
                "clinic_admin",
                "doctor",
                "clinical_staff",
                "front_desk",
                "treatment_coordinator",
            },
            "referral:manage_providers": {"clinic_admin"},
            "referral:send_letters": {"front_desk", "treatment_coordinator"},
            "records:authorize": {"clinic_admin", "doctor"},
            "records:prepare": {"front_desk"},
        }
        specified = {code for code, row in self.table.items() if row["specified"]}
        self.assertEqual(specified, set(specification))
        for code, roles in specification.items():
            self.assertEqual(
                self.table[code]["roles"], roles | {"super_admin", "clinic_admin"}, code
            )
