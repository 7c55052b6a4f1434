# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CrmLead(models.Model):
    """Clinic rules on Odoo's lead: the special permissions of the clinic roles.

    Access rights (read/write/create/unlink) come from ir.model.access; what
    ACLs cannot express — *who* may hand a lead to someone else or convert
    it — is checked here so that every entry point (form, wizard, RPC) obeys.
    """

    _inherit = "crm.lead"

    def _clinic_check_permission(self, group_xmlid, action_label):
        """Raise AccessError unless the current user holds ``group_xmlid``.

        Superuser contexts (crons, public forms after their own checks) pass:
        they are not a person acting in the clinic.
        """
        if self.env.su or self.env.user.has_group(group_xmlid):
            return
        raise AccessError(
            self.env._(
                "You are not allowed to %(action)s. Ask a clinic administrator "
                "for the “%(permission)s” permission.",
                action=action_label,
                permission=self.env.ref(group_xmlid).name,
            )
        )

    @api.model
    def _clinic_disable_lead_enrichment(self):
        """Keep new leads' e-mails away from Odoo's IAP enrichment unless an admin opts in."""
        self.env["ir.config_parameter"].sudo().set_param("crm.iap.lead.enrich.setting", "manual")
        cron = self.env.ref("crm_iap_enrich.ir_cron_lead_enrichment", raise_if_not_found=False)
        if cron:
            cron.sudo().active = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            user_id = vals.get("user_id")
            if user_id and user_id != self.env.uid:
                self._clinic_check_permission(
                    "crm_ortho_onboarding.group_clinic_lead_assign",
                    self.env._("assign a lead to someone else"),
                )
        return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals and any(lead.user_id.id != vals["user_id"] for lead in self):
            self._clinic_check_permission(
                "crm_ortho_onboarding.group_clinic_lead_assign",
                self.env._("assign leads"),
            )
        return super().write(vals)

    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        """Qualifying a lead (and later converting it to a patient) needs lead:convert."""
        self._clinic_check_permission(
            "crm_ortho_onboarding.group_clinic_lead_convert",
            self.env._("convert leads"),
        )
        return super().convert_opportunity(partner, user_ids=user_ids, team_id=team_id)
