# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError

# Read and written by the web client with any record, whoever the user.
CLINIC_SETTINGS_SYSTEM_FIELDS = frozenset(
    {"id", "display_name", "create_date", "create_uid", "write_date", "write_uid"}
)


class ResConfigSettings(models.TransientModel):
    """The clinic's settings, on a Clinic CRM settings page of their own.

    Clinic Admins run the clinic without Odoo's technical administrator rights, so
    they may read and save the settings on that page (``res_config_settings_view_form``
    and the blocks each clinic addon adds to it), and nothing else of Odoo's settings:
    every other field is out of their reach, and saving writes only the page's values.
    """

    _inherit = "res.config.settings"

    clinic_urgent_keywords = fields.Char(
        string="Urgent Words",
        config_parameter="crm_ortho_onboarding.urgent_keywords",
        help="Comma-separated words or phrases; a lead whose message contains one is urgent.",
    )
    clinic_first_contact_sla_minutes = fields.Integer(
        string="First Contact Within (minutes)",
        config_parameter="crm_ortho_onboarding.first_contact_sla_minutes",
        default=15,
        help="Web and API leads get a first call due this many minutes later, counted in the "
        "company's working hours.",
    )
    clinic_iap_allowed = fields.Boolean(
        string="Allow Odoo's Online Services",
        config_parameter="crm_ortho_onboarding.iap_allowed",
        help="Partner autocomplete, lead enrichment and lead mining send names, e-mail "
        "domains and search words to Odoo's servers (IAP). Off by default so that no "
        "patient data leaves the clinic's server.",
    )
    clinic_resource_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id",
        string="Opening Hours",
        help="The clinic's working hours: speed-to-lead and follow-up deadlines count in them.",
    )

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------

    @api.model
    @tools.ormcache(cache="templates")
    def _clinic_admin_fields(self):
        """The fields on the Clinic CRM settings page (with the blocks of every addon)."""
        view = self.env.ref(
            "crm_ortho_onboarding.res_config_settings_view_form", raise_if_not_found=False
        )
        if not view:
            return CLINIC_SETTINGS_SYSTEM_FIELDS
        arch = view.sudo()._get_combined_arch()
        return frozenset(arch.xpath("//field/@name")) | CLINIC_SETTINGS_SYSTEM_FIELDS

    def _clinic_admin_only(self):
        """Whether the user reaches settings only as a Clinic Admin (not Odoo's admin)."""
        return not self.env.is_admin() and self.env.user.has_group(
            "crm_ortho_onboarding.group_clinic_admin"
        )

    def _compute_display_name(self):
        if not self._clinic_admin_only():
            super()._compute_display_name()
            return
        # Odoo names the page after the first settings action it finds, searched as the
        # user; a Clinic Admin may not read actions, so the page failed to open.
        for settings in self:
            settings.display_name = self.env._("Clinic CRM Settings")

    def _has_field_access(self, field, operation):
        if (
            not self.env.su
            and not self.env.is_admin()
            and field.name not in self._clinic_admin_fields()
        ):
            return False
        return super()._has_field_access(field, operation)

    @api.model
    def default_get(self, fields):
        if self._clinic_admin_only():
            allowed = self._clinic_admin_fields()
            fields = [name for name in fields if name in allowed]
        return super().default_get(fields)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._clinic_admin_only():
            return super().create(vals_list)
        allowed = self._clinic_admin_fields()
        for vals in vals_list:
            self._clinic_check_admin_fields(set(vals) - allowed)
        # The page's values that live on the company (working hours, records rules...)
        # are written when the settings are created, as Odoo's settings do: as superuser,
        # since Clinic Admins may not edit the company itself; only the page's fields
        # were accepted above.
        return super(ResConfigSettings, self.sudo()).create(vals_list).sudo(False)

    def write(self, vals):
        if self._clinic_admin_only():
            self._clinic_check_admin_fields(set(vals) - self._clinic_admin_fields())
            return super(ResConfigSettings, self.sudo()).write(vals)
        return super().write(vals)

    def _clinic_check_admin_fields(self, forbidden):
        if forbidden:
            raise AccessError(
                self.env._(
                    "Only Odoo's administrator can change these settings: %(fields)s.",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def execute(self):
        if not self._clinic_admin_only():
            return super().execute()
        self.ensure_one()
        self._clinic_save_page_values()
        return {"type": "ir.actions.client", "tag": "reload"}

    def cancel(self):
        if not self._clinic_admin_only():
            return super().cancel()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "crm_ortho_onboarding.res_config_settings_action_clinic"
        )

    def _clinic_save_page_values(self):
        """Store the page's system parameters, the way Odoo's settings store them.

        The page's company values were written with the record (see ``create``); its
        system parameters are written here, and only those of the page.
        """
        classified = self._get_classified_fields(
            sorted(self._clinic_admin_fields() & set(self._fields))
        )
        params = self.env["ir.config_parameter"].sudo()
        for name, key in classified["config"]:
            field = self._fields[name]
            value = self[name]
            if field.type == "char":
                value = (value or "").strip() or False
            elif field.type in ("integer", "float"):
                value = repr(value) if value else False
            elif field.type == "many2one":
                value = value.id
            if params.get_param(key) not in (value, str(value)):
                params.set_param(key, value)

    # ------------------------------------------------------------------
    # Buttons of the page
    # ------------------------------------------------------------------

    def action_clinic_open_working_hours(self):
        """The company's working hours, which the clinic's clocks count in."""
        self.ensure_one()
        calendar = self.env.company.resource_calendar_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Opening Hours"),
            "res_model": "resource.calendar",
            "view_mode": "form",
            "res_id": calendar.id,
            "context": {"default_company_id": self.env.company.id},
        }
