# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    """ "Referred by" on a lead is the referral: setting it records who sent the patient.

    Every entry point (lead form, website form, API, import) ends in create/write,
    so attribution is done there. The referral then follows the lead's stage.
    """

    _inherit = "crm.lead"

    clinic_referral_ids = fields.One2many("clinic.referral", "lead_id", string="Referrals")
    clinic_referral_count = fields.Integer(
        string="Referral Records", compute="_compute_clinic_referral_count"
    )

    def _compute_clinic_referral_count(self):
        counts = dict(
            self.env["clinic.referral"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.clinic_referral_count = counts.get(lead, 0)

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._clinic_referred_patient_leads()._clinic_sync_referral()
        return leads

    def write(self, vals):
        result = super().write(vals)
        if vals.get("clinic_referred_by_id") and not self.env.context.get(
            "clinic_referral_skip_sync"
        ):
            self._clinic_referred_patient_leads()._clinic_sync_referral()
        if {"stage_id", "active", "lost_reason_id"} & set(vals) and self.clinic_referral_ids:
            # The referrals' status follows the stage: prepare the letter it calls for.
            self.clinic_referral_ids._clinic_after_change()
        return result

    def _clinic_referred_patient_leads(self):
        """Referral tracking is about patients; a recruiting lead's referrer is not one."""
        return self.filtered(
            lambda lead: lead.clinic_referred_by_id and lead.clinic_lead_type == "patient"
        )

    def _clinic_sync_referral(self):
        """Create (or re-point) the incoming referral of each lead's referrer.

        A referrer corrected before any letter went out re-points the referral; once a
        letter was sent to the first referrer, the new one gets a referral of its own.
        """
        Referral = self.env["clinic.referral"]
        to_create = []
        for lead in self:
            referrer = lead.clinic_referred_by_id
            kind = lead._clinic_referrer_kind(referrer)
            incoming = lead.clinic_referral_ids.filtered(lambda r: r.direction == "incoming")
            if referrer in incoming.provider_id:
                continue
            movable = incoming.filtered(
                lambda r: not r.letter_ids.filtered(lambda x: x.state in ("sent", "to_print"))
            )[:1]
            if movable:
                movable.letter_ids.sudo().unlink()
                movable.write({"provider_id": referrer.id, "referrer_kind": kind})
                movable._clinic_queue_thank_you()
            else:
                to_create.append(
                    {
                        "lead_id": lead.id,
                        "provider_id": referrer.id,
                        "referrer_kind": kind,
                        "direction": "incoming",
                        "company_id": (lead.company_id or self.env.company).id,
                        "date_referral": lead._clinic_referral_date(),
                    }
                )
            source = Referral._clinic_referral_source(kind)
            if source and lead.source_id != source:
                lead.source_id = source
            if not lead.clinic_referral_account_id and referrer.parent_id.is_company:
                lead.clinic_referral_account_id = referrer.parent_id
        if to_create:
            Referral.create(to_create)

    def _clinic_referral_date(self):
        """Today, or when the lead came in for referrals recorded after the fact (install)."""
        today = fields.Date.context_today(self)
        if self.env.context.get("clinic_referral_no_auto_letter") and self.create_date:
            return min(self.create_date.date(), today)
        return today

    @api.model
    def _clinic_referrer_kind(self, referrer):
        """A provider (doctor, practice) or a patient's family or friend."""
        commercial = referrer.commercial_partner_id
        if (
            referrer.clinic_is_referring_provider
            or referrer.clinic_is_specialist
            or referrer.clinic_npi
            or commercial.clinic_is_referring_provider
        ):
            return "provider"
        return "patient"

    @api.model
    def _clinic_backfill_referrals(self):
        """At install: leads already "referred by" someone get their referral (no letters)."""
        leads = self.with_context(active_test=False).search(
            [
                ("clinic_referred_by_id", "!=", False),
                ("clinic_lead_type", "=", "patient"),
                ("clinic_referral_ids", "=", False),
            ]
        )
        leads.with_context(clinic_referral_no_auto_letter=True)._clinic_sync_referral()

    def action_clinic_view_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm_referrals.clinic_referral_action")
        action.update(
            domain=[("lead_id", "=", self.id)],
            context={"default_lead_id": self.id, "active_test": False},
        )
        return action
