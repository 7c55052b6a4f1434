# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Install Odoo's password policy (``auth_password_policy``: minimum length, the
    strength meter) once the modules being installed with this one are in.

    Not a ``depends``: a dependency that small loads before the clinic's core, and its
    minimum length would refuse the demo users' passwords (password = login) while the
    core's demo data loads. Marked here, Odoo installs it in the next loading pass.
    """
    module = env["ir.module.module"]._get("auth_password_policy")
    if module.state == "uninstalled":
        module.button_install()
