# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

# The roles a Clinic Admin gives; Super Admin (Odoo's administrator too) is not one.
STAFF_ROLES = [
    ("read_only", "Read Only"),
    ("billing", "Billing"),
    ("clinical_staff", "Clinical Staff"),
    ("doctor", "Doctor"),
    ("front_desk", "Front Desk"),
    ("treatment_coordinator", "Treatment Coordinator"),
    ("clinic_admin", "Clinic Admin"),
]


class ClinicStaffRoleChange(models.TransientModel):
    """Give staff their clinic role, as a Clinic Admin without Odoo's user administration.

    Only the clinic role changes (the other groups of the person stay), and only for
    staff who are not Odoo administrators or Super Admins.
    """

    _name = "clinic.staff.role.change"
    _description = "Change Staff Role"

    user_ids = fields.Many2many(
        "res.users", string="Staff", required=True, domain=[("share", "=", False)]
    )
    role = fields.Selection(STAFF_ROLES, required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "user_ids" in fields_list and self.env.context.get("active_model") == "res.users":
            values["user_ids"] = [Command.set(self.env.context.get("active_ids") or [])]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("crm_ortho_onboarding.group_clinic_admin"):
            raise AccessError(self.env._("Only a Clinic Admin gives staff their clinic role."))
        super_admin = self.env.ref("crm_ortho_onboarding.group_clinic_super_admin")
        protected = self.user_ids.filtered(
            lambda u: u.share or u._is_admin() or super_admin in u.all_group_ids
        )
        if protected:
            raise UserError(
                self.env._(
                    "Only Odoo's administrator changes the role of %(names)s.",
                    names=", ".join(protected.mapped("name")),
                )
            )
        privilege = self.env.ref("crm_ortho_onboarding.res_groups_privilege_clinic_role")
        roles = privilege.sudo().group_ids
        role = self.env.ref(f"crm_ortho_onboarding.group_clinic_{self.role}")
        # sudo: a Clinic Admin may not edit users; only their clinic role changes, and
        # the staff above (admins, Super Admins) were refused.
        self.user_ids.sudo().write(
            {"group_ids": [Command.unlink(g.id) for g in roles - role] + [Command.link(role.id)]}
        )
        return {"type": "ir.actions.client", "tag": "soft_reload"}
