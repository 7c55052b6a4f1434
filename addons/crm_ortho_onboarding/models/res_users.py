# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain


class ResUsers(models.Model):
    """Coordinators get a daily digest of their follow-ups."""

    _inherit = "res.users"

    clinic_digest_enabled = fields.Boolean(
        string="Daily Follow-up Digest",
        default=True,
        help="Each morning, e-mail me my follow-ups due today, overdue leads and new "
        "unassigned leads of my pipelines.",
    )
    clinic_digest_last_sent = fields.Date(string="Digest Last Sent", readonly=True, copy=False)
    clinic_letter_title = fields.Char(
        string="Title on Letters",
        help="How letters are signed under your name, e.g. 'Orthodontist, DDS' or "
        "'Treatment Coordinator'. Empty: your job position, else your clinic role.",
    )
    clinic_letter_signoff_title = fields.Char(
        compute="_compute_clinic_letter_signoff_title",
        help="The title printed under this person's name on letters.",
    )

    clinic_role_id = fields.Many2one(
        "res.groups",
        compute="_compute_clinic_role_id",
        help="The clinic role this person holds (the highest one, if several).",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + [
            "clinic_digest_enabled",
            "clinic_digest_last_sent",
            "clinic_letter_title",
        ]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["clinic_digest_enabled", "clinic_letter_title"]

    @api.depends("clinic_letter_title", "function", "all_group_ids")
    def _compute_clinic_letter_signoff_title(self):
        """The signer's title on letters: their own, else job position, else clinic role.

        A letter is signed by a person with a title, never by a bare name: the clinic
        role (the highest one held) is the last resort.
        """
        privilege = self.env.ref(
            "crm_ortho_onboarding.res_groups_privilege_clinic_role", raise_if_not_found=False
        )
        for user in self:
            title = user.clinic_letter_title or user.function
            if not title and privilege:
                roles = user.sudo().all_group_ids.filtered(lambda g: g.privilege_id == privilege)
                title = roles.sorted("sequence")[-1:].name or False
            user.clinic_letter_signoff_title = title

    @api.depends("group_ids")
    def _compute_clinic_role_id(self):
        privilege = self.env.ref(
            "crm_ortho_onboarding.res_groups_privilege_clinic_role", raise_if_not_found=False
        )
        for user in self:
            roles = user.sudo().group_ids.filtered(lambda g: g.privilege_id == privilege)
            user.clinic_role_id = roles.sorted("sequence")[-1:]

    def _clinic_is_letter_signer(self):
        """Whether this user can sign a letter: a person, not OdooBot or a portal user."""
        return (
            len(self) == 1
            and self.active
            and not self.share
            and self != self.env.ref("base.user_root")
        )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._clinic_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals:
            self._clinic_set_home_action()
        return res

    def _clinic_set_home_action(self):
        """Clinic staff land in Clinic CRM → Today after login (their home action).

        Every clinic role implies Read Only; a home action chosen by the user or an
        admin is kept.
        """
        role = self.env.ref("crm_ortho_onboarding.group_clinic_read_only", raise_if_not_found=False)
        today = self.env.ref(
            "crm_ortho_onboarding.crm_lead_action_clinic_today", raise_if_not_found=False
        )
        if not role or not today:
            return
        staff = self.filtered(
            lambda user: not user.action_id and not user.share and role in user.all_group_ids
        )
        if staff:
            # sudo: whoever grants a clinic role may not write other users' home action.
            staff.sudo().write({"action_id": today.id})

    def _clinic_digest_values(self):
        """What the digest lists for this coordinator (also used by the tests)."""
        self.ensure_one()
        lead_model = self.env["crm.lead"].with_user(self).with_context(active_test=True)
        today = fields.Date.context_today(self)
        mine = Domain("user_id", "=", self.id)
        overdue = lead_model.search(mine & lead_model._clinic_followup_overdue_domain(), order="id")
        due_today = (
            lead_model.search(
                mine
                & (
                    Domain("clinic_activity_deadline", "=", today)
                    | Domain("clinic_followup_date", ">=", fields.Datetime.to_datetime(today))
                    & Domain(
                        "clinic_followup_date",
                        "<",
                        fields.Datetime.add(fields.Datetime.to_datetime(today), days=1),
                    )
                )
            )
            - overdue
        )
        teams = self.env["crm.team.member"].sudo().search([("user_id", "=", self.id)]).crm_team_id
        unassigned = lead_model.search(
            Domain("user_id", "=", False)
            & Domain("team_id", "in", teams.ids)
            & Domain("won_status", "=", "pending")
        )
        return {"user": self, "overdue": overdue, "due_today": due_today, "unassigned": unassigned}

    @api.model
    def _cron_clinic_daily_digest(self):
        """One e-mail per coordinator; users already served today are skipped (restartable)."""
        today = fields.Date.context_today(self)
        roles = [
            self.env.ref("crm_ortho_onboarding.group_clinic_front_desk").id,
            self.env.ref("crm_ortho_onboarding.group_clinic_treatment_coordinator").id,
        ]
        domain = [
            ("all_group_ids", "in", roles),
            ("share", "=", False),
            ("clinic_digest_enabled", "=", True),
            ("email", "!=", False),
            "|",
            ("clinic_digest_last_sent", "=", False),
            ("clinic_digest_last_sent", "<", today),
        ]
        users = self.search(domain)
        cron = self.env["ir.cron"]
        for done, user in enumerate(users, start=1):
            user._clinic_send_digest()
            user.clinic_digest_last_sent = today
            if cron._commit_progress(1, remaining=len(users) - done) <= 0:
                break

    def _clinic_send_digest(self):
        self.ensure_one()
        values = self._clinic_digest_values()
        if not (values["overdue"] or values["due_today"] or values["unassigned"]):
            return self.env["mail.mail"]
        body = self.env["ir.qweb"]._render("crm_ortho_onboarding.clinic_daily_digest", values)
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": self.env._(
                        "Your clinic follow-ups today: %(overdue)s overdue, %(today)s due",
                        overdue=len(values["overdue"]),
                        today=len(values["due_today"]),
                    ),
                    "body_html": body,
                    "email_to": self.email_formatted,
                    "email_from": self.company_id.email_formatted
                    or self.env.company.email_formatted,
                    "auto_delete": True,
                }
            )
        )
