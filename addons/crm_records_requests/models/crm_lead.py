# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    clinic_records_request_ids = fields.One2many(
        "clinic.records.request", "lead_id", string="Medical Records Requests"
    )
    clinic_records_request_count = fields.Integer(
        string="Records Requests", compute="_compute_clinic_records_request_count"
    )
    clinic_declined_date = fields.Datetime(string="Declined On", readonly=True, copy=False)
    clinic_data_purged = fields.Boolean(string="Personal Data Removed", readonly=True, copy=False)

    def _compute_clinic_records_request_count(self):
        data = self.env["clinic.records.request"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
        )
        counts = {lead.id: count for lead, count in data}
        for lead in self:
            lead.clinic_records_request_count = counts.get(lead.id, 0)

    def action_clinic_request_previous_records(self):
        """Open a new outgoing request to the patient's previous provider."""
        self.ensure_one()
        if not self.clinic_patient_id:
            raise UserError(
                self.env._("Link or convert this lead to a patient before requesting records.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "clinic.records.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_direction": "outgoing",
                "default_patient_id": self.clinic_patient_id.id,
                "default_lead_id": self.id,
                "default_purpose_category": "continuity_of_care",
                "default_company_id": (self.company_id or self.env.company).id,
            },
        }

    def action_clinic_records_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_records_requests.clinic_records_request_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ retention
    def action_set_lost(self, **additional_values):
        """Remember when a lead was declined: the retention period runs from then."""
        additional_values.setdefault("clinic_declined_date", fields.Datetime.now())
        return super().action_set_lost(**additional_values)

    def _clinic_retention_field_values(self):
        """Values that replace a declined lead's personal data (only fields that exist)."""
        values = {
            "name": self.env._("Declined lead (personal data removed)"),
            "contact_name": False,
            "partner_name": False,
            "email_from": False,
            "phone": False,
            "street": False,
            "street2": False,
            "city": False,
            "zip": False,
            "website": False,
            "description": False,
            "partner_id": False,
            # every clinic lead keeps a name (base-addon rule): a neutral one
            "clinic_first_name": self.env._("Removed"),
            "clinic_last_name": False,
            "clinic_contact_first_name": False,
            "clinic_contact_last_name": False,
            "clinic_birthdate": False,
            "clinic_notes": False,
            "clinic_insurance_carrier": False,
            "clinic_insurance_member_id": False,
            "clinic_secondary_email": False,
        }
        return {name: value for name, value in values.items() if name in self._fields}

    def _clinic_purge_personal_data(self, days):
        """Anonymise declined leads: personal fields, chatter history (tracking keeps old
        values), attachments and activities go; one note says when and why."""
        if not self:
            return
        self.env["mail.message"].sudo().search(
            [("model", "=", "crm.lead"), ("res_id", "in", self.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.ids)]
        ).unlink()
        self.activity_ids.sudo().unlink()
        self.with_context(tracking_disable=True).write(
            dict(self._clinic_retention_field_values(), clinic_data_purged=True)
        )
        for lead in self:
            lead._message_log(
                body=self.env._(
                    "Personal data removed: the lead was declined more than %s days ago "
                    "(retention policy).",
                    days,
                )
            )

    @api.model
    def _cron_clinic_purge_declined_leads(self, batch_size=200):
        """Anonymise leads declined longer ago than each clinic's retention period."""
        now = fields.Datetime.now()
        done = 0
        for company in self.env["res.company"].search([("clinic_lead_retention_days", ">", 0)]):
            days = company.clinic_lead_retention_days
            domain = [
                ("active", "=", False),
                ("won_status", "=", "lost"),
                ("clinic_data_purged", "=", False),
                ("clinic_declined_date", "<", now - timedelta(days=days)),
                (
                    "company_id",
                    "in",
                    [company.id, False] if company == self.env.company else [company.id],
                ),
            ]
            leads = self.with_context(active_test=False).search(domain, limit=batch_size - done)
            leads._clinic_purge_personal_data(days)
            done += len(leads)
            if done >= batch_size:
                self.env.ref("crm_records_requests.ir_cron_clinic_purge_declined_leads")._trigger()
                break
        return done
