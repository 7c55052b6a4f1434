# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain


class CrmLeadNextStep(models.Model):
    """Safety net: no open lead is left without a next step.

    Statuses plan the next activity, but a lead can still end up with none: a
    coordinator marks the call done without setting a status, a lead entered by
    hand gets no status, a consult ends in "Visit completed" (no activity of its
    own), a lead sits in "Not interested" without being disqualified. The 90-day
    simulation (tests/clinic_simulation.py) found such leads; a nightly sweep
    gives each one a to-do for its owner instead of letting it go silent.
    """

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _clinic_open_domain(self):
        """Leads still being worked: not won, lost or archived."""
        return Domain("active", "=", True) & Domain("won_status", "=", "pending")

    @api.model
    def _clinic_without_next_step_domain(self):
        """Open leads (not won, not lost or archived) with no open activity."""
        # Done activities stay, archived: "no activity" would miss the leads whose
        # last call was marked done.
        return self._clinic_open_domain() & Domain(
            "activity_ids", "not any", [("active", "=", True)]
        )

    def _clinic_plan_next_step(self):
        today = fields.Date.context_today(self)
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        # One activity_schedule per owner: Odoo then creates the activities (and the
        # owner's follower rows) in one batch instead of one create per lead.
        by_owner = self.grouped(
            lambda lead: lead.user_id or lead.team_id.user_id or admin or self.env.user
        )
        for owner, leads in by_owner.items():
            leads.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Plan the next step"),
                note=self.env._(
                    "This lead had no follow-up planned: call the family, book the consult, "
                    "win it or disqualify it."
                ),
                user_id=owner.id,
            )

    @api.model
    def _cron_clinic_plan_next_steps(self, batch_size=1000):
        """Nightly: a to-do on every open lead left without an activity (batched).

        Walks the open leads in windows of ``batch_size`` ids and keeps those without an
        activity. Asking directly for "the next leads without an activity after id N"
        makes PostgreSQL merge-join every activity from the first one: 0.8 s a batch
        at 1M leads, against 3 ms for a window of known ids.
        """
        cron = self.env["ir.cron"]
        remaining = self.search_count(self._clinic_without_next_step_domain())
        done = last_id = 0
        while remaining:
            window = self.search(
                self._clinic_open_domain() & Domain("id", ">", last_id),
                order="id",
                limit=batch_size,
            )
            if not window:
                break
            last_id = window[-1].id
            leads = self.search(
                self._clinic_without_next_step_domain() & Domain("id", "in", window.ids),
                order="id",
            )
            leads.with_context(mail_activity_quick_update=True)._clinic_plan_next_step()
            done += len(leads)
            remaining = max(remaining - len(leads), 0)
            if cron._commit_progress(len(leads), remaining=remaining) <= 0:
                break
        return done
