# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
import os

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon
from odoo.addons.mail.tests.common import mail_new_test_user

# Each addon owns the rows of its models: <addon>/security/clinic_access_matrix.csv.
MATRIX = "<addon>/security/clinic_access_matrix.csv"
AUTHOR = "Clinic CRM contributors"
# Odoo models that hold the clinic's PHI: in the matrix although Odoo defines them.
CORE_MODELS = ["crm.lead", "res.partner", "survey.user_input", "auditlog.log"]
OPS = ("read", "create", "write", "unlink")


def our_addons(env):
    """Our installed addons (the clinic's, not Odoo's)."""
    modules = (
        env["ir.module.module"]
        .sudo()
        .search([("state", "=", "installed"), ("author", "=", AUTHOR)])
    )
    return set(modules.mapped("name"))


def load_matrix(addons):
    """The union of the installed addons' matrix files."""
    matrix = {}
    for addon in sorted(addons):
        try:
            path = file_path(MATRIX.replace("<addon>", addon))
        except FileNotFoundError:
            continue
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row["model"].strip(), row["role"].strip())
                matrix[key] = {op: row[op].strip() == "1" for op in OPS}
    return matrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(ClinicRolesCommon):
    """Every clinic role x every model of the four addons x read/create/write/unlink, as the
    matrix file says (the README renders the same file)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["portal"] = mail_new_test_user(
            cls.env, login="test_clinic_portal", name="Test Portal", groups="base.group_portal"
        )
        cls.patient = cls.env["res.partner"].create(
            {"name": "Matrix Patient", "clinic_is_patient": True}
        )
        guardian = cls.env["res.partner"].create({"name": "Matrix Guardian"})
        cls.samples = {
            "crm.lead": cls.lead,
            "res.partner": cls.patient,
            "clinic.patient.guardian": cls.env["clinic.patient.guardian"].create(
                {"patient_id": cls.patient.id, "guardian_id": guardian.id, "relation": "parent"}
            ),
        }

    def _our_models(self):
        names = [
            name
            for name, model in self.env.registry.items()
            if getattr(model, "_original_module", None) in our_addons(self.env)
            and not model._abstract
        ]
        return sorted(set(names) | {m for m in CORE_MODELS if m in self.env})

    def _sample(self, model_name):
        """A record of the model in the test company, or None (then only ACLs are checked)."""
        Model = self.env[model_name]
        if Model._transient:
            # Wizards belong to whoever opened them: the ACL is the whole question.
            return None
        if model_name in self.samples:
            return self.samples[model_name]
        domain = []
        if "company_id" in Model._fields:
            domain = [("company_id", "in", [False, self.env.company.id])]
        return Model.sudo().with_context(active_test=False).search(domain, limit=1) or None

    def _can(self, user, model_name, record, op):
        Model = self.env[model_name].with_user(user)
        if op == "create" or record is None:
            return Model.has_access(op)
        try:
            record.with_user(user).check_access(op)
        except AccessError:
            return False
        return True

    def _actual(self, models):
        return {
            (model, role): {op: self._can(user, model, self._sample(model), op) for op in OPS}
            for model in models
            for role, user in self.users.items()
        }

    @staticmethod
    def _as_csv(cells):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["role", "model", *OPS])
        for (model, role), perms in cells.items():
            writer.writerow([role, model, *(int(perms[op]) for op in OPS)])
        return out.getvalue()

    def test_every_model_and_role_has_a_row(self):
        matrix = load_matrix(our_addons(self.env))
        models = self._our_models()
        missing = [(m, r) for m in models for r in self.users if (m, r) not in matrix]
        if os.environ.get("CLINIC_MATRIX_DUMP"):
            with open(os.environ["CLINIC_MATRIX_DUMP"], "w", encoding="utf-8") as handle:
                handle.write(self._as_csv(self._actual(models)))
        missing_models = sorted({m for m, _r in missing})
        self.assertFalse(
            missing_models,
            "Models of the clinic addons missing from %s; add these lines (checked values):\n%s"
            % (MATRIX, self._as_csv(self._actual(missing_models)) if missing_models else ""),
        )

    def test_every_cell_holds(self):
        matrix = load_matrix(our_addons(self.env))
        models = [m for m in self._our_models() if m in {model for model, _r in matrix}]
        self.assertIn("crm.lead", models)
        wrong = []
        for model in models:
            record = self._sample(model)
            for role, user in self.users.items():
                expected = matrix.get((model, role))
                if expected is None:
                    continue
                for op in OPS:
                    actual = self._can(user, model, record, op)
                    if actual != expected[op]:
                        wrong.append(f"{role} {op} {model}: expected {expected[op]}, got {actual}")
        self.assertFalse(wrong, "Access differs from the matrix:\n" + "\n".join(wrong))

    def test_matrix_rejects_a_wrong_cell(self):
        """The checker itself can fail: a read-only user cannot delete a lead."""
        self.assertFalse(self._can(self.users["read_only"], "crm.lead", self.lead, "unlink"))
        self.assertTrue(self._can(self.users["clinic_admin"], "crm.lead", self.lead, "unlink"))
