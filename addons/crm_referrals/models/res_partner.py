# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .referral_tools import (
    COMMUNICATION,
    MANAGE_PROVIDERS,
    SPECIALTIES,
    lapse_threshold,
    referral_score,
)

# Directory fields only referral:manage_providers may change (the score is the cron's).
PROVIDER_FIELDS = {
    "clinic_is_referring_provider",
    "clinic_is_specialist",
    "clinic_provider_specialty",
    "clinic_referral_communication",
}


class ResPartner(models.Model):
    """Referring providers and specialists are partners with directory flags.

    The person is the partner; the practice is its parent company. Counts come
    from ``clinic.referral``; the relationship score is refreshed by a daily cron
    because it depends on today's date (recency, lapses).
    """

    _inherit = "res.partner"

    clinic_is_referring_provider = fields.Boolean(
        string="Referring Provider",
        index=True,
        tracking=True,
        help="Sends patients to the clinic (a dentist, pediatrician… or their practice).",
    )
    clinic_is_specialist = fields.Boolean(
        string="Specialist Network",
        index=True,
        tracking=True,
        help="A specialist the clinic refers patients out to.",
    )
    clinic_provider_specialty = fields.Selection(SPECIALTIES, string="Specialty", tracking=True)
    clinic_referral_communication = fields.Selection(
        COMMUNICATION,
        string="Preferred Communication",
        tracking=True,
        help="How letters reach this provider: e-mail (also when empty), or a PDF queued for "
        "print or fax.",
    )
    clinic_referral_ids = fields.One2many("clinic.referral", "provider_id", string="Referrals Made")
    clinic_referral_count = fields.Integer(
        string="Referrals", compute="_compute_clinic_referral_stats"
    )
    clinic_referral_conversion_count = fields.Integer(
        string="Conversions", compute="_compute_clinic_referral_stats"
    )
    clinic_referral_last_date = fields.Date(
        string="Last Referral", compute="_compute_clinic_referral_stats"
    )
    clinic_referral_letter_count = fields.Integer(
        string="Letters Sent", compute="_compute_clinic_referral_stats"
    )
    clinic_referral_score = fields.Integer(
        string="Relationship Score",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="0-100 from recency, frequency, conversion and trend of the provider's "
        "referrals; refreshed daily.",
    )
    clinic_referral_score_reasons = fields.Text(string="Score Reasons", readonly=True, copy=False)
    clinic_referral_score_date = fields.Date(string="Scored On", readonly=True, copy=False)
    clinic_referral_is_lapsed = fields.Boolean(
        string="Lapsed Referrer",
        readonly=True,
        copy=False,
        index=True,
        help="No referral for more than twice this provider's usual interval.",
    )

    def _compute_clinic_referral_stats(self):
        Referral = self.env["clinic.referral"]
        if not Referral.has_access("read"):
            # Contacts are read by every internal user; the counts are for clinic roles only.
            self.update(
                {
                    "clinic_referral_count": 0,
                    "clinic_referral_last_date": False,
                    "clinic_referral_conversion_count": 0,
                    "clinic_referral_letter_count": 0,
                }
            )
            return
        domain = [("provider_id", "in", self.ids), ("direction", "=", "incoming")]
        stats = {
            provider.id: (count, last)
            for provider, count, last in Referral._read_group(
                domain, ["provider_id"], ["__count", "date_referral:max"]
            )
        }
        conversions = dict(
            Referral._read_group(
                domain + [("is_converted", "=", True)], ["provider_id"], ["__count"]
            )
        )
        letters = dict(
            self.env["clinic.referral.letter"]._read_group(
                [("provider_id", "in", self.ids), ("state", "=", "sent")],
                ["provider_id"],
                ["__count"],
            )
        )
        for partner in self:
            count, last = stats.get(partner.id, (0, False))
            partner.clinic_referral_count = count
            partner.clinic_referral_last_date = last
            partner.clinic_referral_conversion_count = conversions.get(partner, 0)
            partner.clinic_referral_letter_count = letters.get(partner, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # Forms send empty directory fields with every new contact: only values count.
        if any(vals.get(name) for vals in vals_list for name in PROVIDER_FIELDS):
            self._clinic_check_manage_providers()
        return super().create(vals_list)

    def write(self, vals):
        changed = PROVIDER_FIELDS & set(vals)
        if changed and any(partner[name] != vals[name] for partner in self for name in changed):
            self._clinic_check_manage_providers()
        return super().write(vals)

    def _clinic_check_manage_providers(self):
        """The directory is referral:manage_providers' business (ACLs cannot say which fields)."""
        if not self.env.su and not self.env.user.has_group(MANAGE_PROVIDERS):
            raise AccessError(
                self.env._(
                    "Only staff allowed to manage referring providers can change the provider "
                    "directory (referring provider, specialist, specialty, preferred "
                    "communication)."
                )
            )

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------

    def _clinic_referral_action(self, xmlid, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action.update(domain=domain, context=context or {})
        return action

    def action_clinic_view_referrals(self):
        return self._clinic_referral_action(
            "crm_referrals.clinic_referral_action",
            [("provider_id", "=", self.id)],
            {"default_provider_id": self.id},
        )

    def action_clinic_view_conversions(self):
        return self._clinic_referral_action(
            "crm_referrals.clinic_referral_action",
            [("provider_id", "=", self.id), ("is_converted", "=", True)],
        )

    def action_clinic_view_letters(self):
        return self._clinic_referral_action(
            "crm_referrals.clinic_referral_letter_action",
            [("provider_id", "=", self.id)],
        )

    # ------------------------------------------------------------------
    # Scores and lapsed referrers
    # ------------------------------------------------------------------

    def _clinic_update_referral_scores(self, today=None):
        """Score these providers and open a liaison activity for the newly lapsed ones."""
        today = today or fields.Date.context_today(self)
        rows = self.env["clinic.referral"]._read_group(
            [("provider_id", "in", self.ids), ("direction", "=", "incoming")],
            ["provider_id", "date_referral:day", "status"],
            ["__count"],
        )
        dates = defaultdict(list)
        converted = defaultdict(int)
        decided = defaultdict(int)
        for provider, day, status, count in rows:
            dates[provider.id].extend([day] * count)
            if status in ("started", "completed", "not_started"):
                decided[provider.id] += count
            if status in ("started", "completed"):
                converted[provider.id] += count
        newly_lapsed = self.browse()
        for provider in self:
            history = dates.get(provider.id, [])
            score, facts = referral_score(
                history, converted[provider.id], decided[provider.id], today
            )
            threshold = lapse_threshold(history)
            lapsed = bool(threshold and (today - max(history)).days > threshold)
            if lapsed and not provider.clinic_referral_is_lapsed:
                newly_lapsed |= provider
            provider.sudo().write(
                {
                    "clinic_referral_score": score,
                    "clinic_referral_score_reasons": provider._clinic_score_reasons(
                        facts, threshold, lapsed
                    ),
                    "clinic_referral_score_date": today,
                    "clinic_referral_is_lapsed": lapsed,
                }
            )
        newly_lapsed._clinic_schedule_lapsed_activity(dates)

    def _clinic_score_reasons(self, facts, threshold, lapsed):
        if not facts:
            return self.env._("No referral yet.")
        lines = [
            self.env._(
                "Recency %(points)s/30: last referral %(days)s days ago.",
                points=facts["recency"],
                days=facts["days"],
            ),
            self.env._(
                "Frequency %(points)s/30: %(count)s referral(s) in the last 12 months.",
                points=facts["frequency"],
                count=facts["last_year"],
            ),
        ]
        if facts["decided"]:
            lines.append(
                self.env._(
                    "Conversion %(points)s/25: %(converted)s of %(decided)s decided "
                    "referral(s) started treatment.",
                    points=facts["conversion"],
                    converted=facts["converted"],
                    decided=facts["decided"],
                )
            )
        else:
            lines.append(
                self.env._(
                    "Conversion %(points)s/25: no outcome yet (neutral).",
                    points=facts["conversion"],
                )
            )
        lines.append(
            self.env._(
                "Trend %(points)s/15: %(recent)s in the last 6 months, %(previous)s in the 6 "
                "months before.",
                points=facts["trend"],
                recent=facts["recent"],
                previous=facts["previous"],
            )
        )
        if lapsed:
            lines.append(
                self.env._(
                    "Lapsed: no referral for %(days)s days, usually one every %(usual)s days.",
                    days=facts["days"],
                    usual=round(threshold / 2),
                )
            )
        return "\n".join(lines)

    def _clinic_schedule_lapsed_activity(self, dates):
        """A to-do for the provider's liaison (salesperson, else the configured liaison)."""
        liaison_id = (
            self.env["ir.config_parameter"].sudo().get_param("crm_referrals.liaison_user_id")
        )
        default_liaison = self.env["res.users"].browse(int(liaison_id or 0)).exists()
        for provider in self:
            user = provider.user_id or default_liaison or self.env.user
            provider.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Lapsed referrer: reach out"),
                note=self.env._(
                    "%(name)s has not referred a patient since %(date)s, longer than twice "
                    "their usual interval. A visit or a call may renew the relationship.",
                    name=provider.display_name,
                    date=max(dates[provider.id]),
                ),
                user_id=user.id,
            )

    @api.model
    def _cron_clinic_referral_scores(self, batch_size=200):
        """Daily: refresh the score of every provider not scored today (restartable)."""
        today = fields.Date.context_today(self)
        domain = [
            "|",
            ("clinic_is_referring_provider", "=", True),
            ("clinic_referral_ids", "!=", False),
            "|",
            ("clinic_referral_score_date", "=", False),
            ("clinic_referral_score_date", "<", today),
        ]
        while True:
            providers = self.search(domain, limit=batch_size).try_lock_for_update()
            if not providers:
                break
            providers._clinic_update_referral_scores(today)
            remaining = self.search_count(domain)
            if not self.env["ir.cron"]._commit_progress(len(providers), remaining=remaining):
                break
