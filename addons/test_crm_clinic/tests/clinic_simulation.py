# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A deterministic simulation of a clinic over N days, on the real models and crons.

One implementation for the test suite (tests/test_clinic_simulation.py, small size)
and the benchmark (bench/bench_clinic_simulation.py, 90 days). Each simulated day,
under a frozen clock: leads arrive from every channel (web form and API through the
capture code the controllers call, phone leads typed by staff, provider referrals),
coordinators work their Today list with delays and forget some of it, consults
happen or not, families complete or abandon their intake forms, records requests
arrive and are worked or left; then every scheduled action of the four addons runs
once, as the cron runner would that night. ``check()`` evaluates the invariants.

Every random choice comes from one ``random.Random(seed)`` and records are visited
in id order, so the same seed gives the same clinic.
"""

import random
import time
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from datetime import time as dtime
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.sql_db import BaseCursor

ADDONS = ("crm_ortho_onboarding", "crm_intake_forms", "crm_referrals", "crm_records_requests")
FIRST_NAMES = [
    "Mia",
    "Leo",
    "Ava",
    "Noah",
    "Emma",
    "Liam",
    "Zoe",
    "Eli",
    "Ivy",
    "Owen",
    "Ruby",
    "Jack",
    "Nora",
    "Sam",
    "Lily",
    "Ben",
    "Ella",
    "Max",
    "Isla",
    "Finn",
]
LAST_NAMES = [
    "Lopez",
    "Park",
    "Nguyen",
    "Smith",
    "Garcia",
    "Brown",
    "Khan",
    "Rossi",
    "Cohen",
    "Silva",
    "Meyer",
    "Dubois",
    "Kim",
    "Novak",
    "Reyes",
    "Walsh",
]
CHANNELS = (("web", 40), ("api", 25), ("phone", 20), ("referral", 15))


class ClinicSimulation:
    """``ClinicSimulation(env, days=90, leads_per_day=(4, 8), seed=11).run()``.

    ``env`` is a superuser environment of a database with the four addons. In a
    test, pass ``commit=False`` (crons' progress commits are patched out); the
    benchmark commits each simulated day.
    """

    def __init__(
        self,
        env,
        days=90,
        leads_per_day=(4, 8),
        seed=11,
        start=date(2026, 3, 2),
        coordinators=4,
        commit=False,
    ):
        self.env = env
        self.days = days
        self.leads_per_day = leads_per_day
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = start
        self.n_coordinators = coordinators
        self.commit = commit
        self.today = start
        self.serial = 0
        # What the simulation itself saw happen, day by day (for the invariants).
        self.records_closed_on = {}
        self.records_escalated_on = {}
        self.records_plan = {}  # request id -> day it is worked to the end (None: forgotten)
        self.intake_plan = {}  # request id -> day the family completes it (None: abandons)
        self.counts = {
            "leads_web": 0,
            "leads_api": 0,
            "leads_phone": 0,
            "leads_referral": 0,
            "capture_duplicates": 0,
            "actions": 0,
            "forgotten": 0,
            "consults_booked": 0,
            "consult_outcome_forgotten": 0,
            "won": 0,
            "lost": 0,
            "intake_sent": 0,
            "intake_completed": 0,
            "records_requests": 0,
            "next_steps_planned_by_cron": 0,
        }

    # ------------------------------------------------------------------ set-up
    def setup(self):
        env = self.env
        missing = [
            name
            for name in ADDONS
            if not env["ir.module.module"].search_count(
                [("name", "=", name), ("state", "=", "installed")]
            )
        ]
        if missing:
            raise AssertionError(f"the simulation needs these addons installed: {missing}")
        # The staff work on what the simulation brings in, not on demo records; the
        # invariants and the crons cover everything in the database.
        self.first_id = {
            model: (
                env[model].with_context(active_test=False).search([], order="id desc", limit=1).id
                or 0
            )
            for model in ("crm.lead", "calendar.event", "clinic.intake.request")
        }
        with self._clock(self.start - timedelta(days=400)):
            self._setup_staff()
            self._setup_history()

    def _setup_staff(self):
        env = self.env
        # The simulated coordinators cover every location: unowned leads of either
        # orthodontic team (demo data has two) are theirs to work (location separation).
        coordinator = env.ref("crm_ortho_onboarding.group_clinic_treatment_coordinator") | env.ref(
            "crm_ortho_onboarding.group_clinic_all_locations"
        )
        admin_group = env.ref("crm_ortho_onboarding.group_clinic_admin")
        Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
        self.coordinators = Users.create(
            [
                {
                    "name": f"Sim Coordinator {i}",
                    "login": f"sim_coordinator_{self.seed}_{i}",
                    "email": f"sim.coordinator{i}@clinic.example.com",
                    "tz": "UTC",
                    "group_ids": [(6, 0, coordinator.ids)],
                }
                for i in range(self.n_coordinators)
            ]
        )
        self.admin = Users.create(
            {
                "name": "Sim Clinic Admin",
                "login": f"sim_admin_{self.seed}",
                "tz": "UTC",
                "email": "sim.admin@clinic.example.com",
                "group_ids": [(6, 0, admin_group.ids)],
            }
        )
        self.team = env.ref("crm_ortho_onboarding.crm_team_clinic_ortho")
        # Round robin on capture hands web/API leads to the team's members.
        env["crm.team.member"].create(
            [{"crm_team_id": self.team.id, "user_id": user.id} for user in self.coordinators]
        )
        self.team.user_id = self.admin
        source = env["utm.source"].create({"name": f"Sim website {self.seed}"})
        self.api_key = env["clinic.api.key"].create(
            {"name": "Sim website", "source_id": source.id, "rate_limit": 100000}
        )
        self.providers = env["res.partner"].create(
            [
                {"name": f"Dr. Sim Referrer {i}", "email": f"referrer{i}@dental.example.com"}
                for i in range(8)
            ]
        )
        env.company.write(
            {
                "clinic_records_require_prepayment": False,
                "clinic_records_warning_days": 5,
                "clinic_records_escalation_user_id": self.admin.id,
            }
        )
        self.lost_reason = env["crm.lost.reason"].search([], limit=1)
        self.survey = env.ref("crm_intake_forms.intake_template_medical_history")
        self.statuses = {
            s.code: s for s in env["clinic.followup.status"].search([("code", "!=", False)])
        }

    def _setup_history(self):
        """Patients of the past year: their medical history forms expire during the run."""
        n = max(4, self.days * sum(self.leads_per_day) // 40)
        self.existing_patients = self.env["res.partner"]
        for i in range(n):
            completed = (
                self.start
                - relativedelta(months=12)
                + timedelta(days=self.rng.randrange(self.days))
            )
            with self._clock(completed):
                patient = self._new_patient()
                self.existing_patients |= patient
                request = self._send_intake(patient, due=completed + timedelta(days=7), lead=None)
                self._complete_intake(request)
            if i % 50 == 49:
                self._flush()
        # Records requests received in the weeks before day one, still open.
        for _i in range(max(3, n // 4)):
            received = self.start - timedelta(days=self.rng.randint(3, 28))
            with self._clock(received):
                self._new_records_request(received)

    # ------------------------------------------------------------------ clock
    def _clock(self, day, hour=9):
        """Freeze time at ``hour`` UTC of ``day``; the cursor's now() follows (create_date)."""
        moment = datetime.combine(day, dtime(hour))
        stack = ExitStack()
        stack.enter_context(freeze_time(moment))
        stack.enter_context(patch.object(BaseCursor, "now", lambda _cr: fields.Datetime.now()))
        return stack

    def _flush(self):
        self.env.flush_all()
        if self.commit:
            # The benchmark keeps each simulated day, as a running clinic would.
            self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.invalidate_all()

    # ------------------------------------------------------------------ run
    def run(self):
        t0 = time.perf_counter()
        self.setup()
        for offset in range(self.days):
            self.today = self.start + timedelta(days=offset)
            with self._clock(self.today, hour=9):
                self._arrivals()
                self._records_arrivals()
            with self._clock(self.today, hour=11):
                self._coordinators_work()
                self._consults_happen()
            with self._clock(self.today, hour=18):
                self._families_fill_forms()
                self._records_work()
            self._flush()
            with self._clock(self.today, hour=23):
                self._run_crons()
                self._observe_records()
            self._flush()
        self.runtime = time.perf_counter() - t0
        with self._clock(self.today, hour=23):
            self.outcome = self.outcomes()
            return self.check()

    # ------------------------------------------------------------------ people
    def _name(self):
        self.serial += 1
        first = self.rng.choice(FIRST_NAMES)
        last = f"{self.rng.choice(LAST_NAMES)}{self.serial}"
        return first, last

    def _phone(self):
        return f"+1303{self.rng.randint(200, 989)}{self.rng.randint(1000, 9999)}"

    def _new_patient(self):
        first, last = self._name()
        return self.env["res.partner"].create(
            {
                "name": f"{first} {last}",
                "email": f"{first}.{last}@family.example.com".lower(),
                "clinic_is_patient": True,
                "clinic_birthdate": self.today - timedelta(days=365 * self.rng.randint(19, 60)),
            }
        )

    # ------------------------------------------------------------------ leads arrive
    def _arrivals(self):
        Lead = self.env["crm.lead"]
        for _i in range(self.rng.randint(*self.leads_per_day)):
            channel = self.rng.choices([c for c, _w in CHANNELS], [w for _c, w in CHANNELS])[0]
            first, last = self._name()
            email = f"{first}.{last}@family.example.com".lower()
            phone = self._phone()
            if channel in ("web", "api"):
                payload = {
                    "leadtype": "Patient",
                    "firstName": first,
                    "lastName": last,
                    "email": email,
                    "phone": phone,
                    "message": self.rng.choice(
                        ["Braces for my son", "Aligners?", "Second opinion please"]
                    ),
                }
                vals, errors = Lead._clinic_capture_prepare(
                    payload, self.api_key if channel == "api" else None
                )
                if errors:
                    raise AssertionError(f"capture refused a valid payload: {errors}")
                key = self.api_key if channel == "api" else None
                outcome = Lead._clinic_capture_submit(vals, channel, key=key)
                # Families submit twice (double click, a second form) now and then.
                if self.rng.random() < 0.05:
                    again = Lead._clinic_capture_submit(dict(vals), channel, key=key)
                    if again["result"] != "created":
                        self.counts["capture_duplicates"] += 1
                if outcome["result"] == "created":
                    self.counts[f"leads_{channel}"] += 1
                continue
            coordinator = self.rng.choice(self.coordinators)
            vals = {
                "clinic_lead_type": "patient",
                "clinic_first_name": first,
                "clinic_last_name": last,
                "email_from": email,
                "phone": phone,
                "type": "lead",
                "team_id": self.team.id,
                "user_id": coordinator.id,
            }
            if channel == "referral":
                vals["clinic_referred_by_id"] = self.rng.choice(self.providers).id
            # Staff on the phone usually record the outcome at once; some don't.
            roll = self.rng.random()
            if roll < 0.35:
                vals["clinic_followup_status_id"] = self.statuses["interested"].id
            elif roll < 0.55:
                vals["clinic_followup_status_id"] = self.statuses["call_later"].id
                vals["clinic_followup_date"] = self._later(1, 4)
            elif roll < 0.75:
                vals["clinic_followup_status_id"] = self.statuses["requires_followup"].id
            Lead.with_user(coordinator).with_context(mail_create_nosubscribe=True).create(vals)
            self.counts[f"leads_{channel}"] += 1

    def _later(self, low, high):
        day = self.today + timedelta(days=self.rng.randint(low, high))
        return datetime.combine(day, dtime(self.rng.choice([10, 14, 16])))

    # ------------------------------------------------------------------ coordinators
    def _coordinators_work(self):
        """Each coordinator goes through their Today list; a fifth of it waits or is forgotten."""
        leads = self.env["crm.lead"].search(
            [
                ("clinic_on_today", "=", True),
                ("won_status", "=", "pending"),
                ("id", ">", self.first_id["crm.lead"]),
            ],
            order="id",
        )
        for lead in leads:
            if self.rng.random() < 0.2:
                self.counts["forgotten"] += 1
                continue
            self.counts["actions"] += 1
            user = lead.user_id or self.rng.choice(self.coordinators)
            self._act(
                lead.with_user(user)
                if user.has_group("crm_ortho_onboarding.group_clinic_lead_convert")
                else lead
            )

    def _set_status(self, lead, code, note, **extra):
        lead.with_context(clinic_status_note=note).write(
            {"clinic_followup_status_id": self.statuses[code].id, **extra}
        )

    def _act(self, lead):
        code = lead.clinic_followup_status_id.code
        roll = self.rng.random()
        if code == "appointment_scheduled":
            # The consult passed without an outcome: record it now.
            event = lead.calendar_event_ids.filtered(
                lambda e: e.clinic_is_consult and not e.clinic_outcome
            )[-1:]
            if event:
                event.sudo().write({"clinic_outcome": "attended" if roll < 0.75 else "no_show"})
                return
        if code == "visit_completed":
            if roll < 0.45:
                # The family starts: the onboarding checklist gets done, then the lead is won.
                lead.sudo().clinic_checklist_line_ids.filtered(
                    lambda line: not line.is_done
                ).action_mark_done()
                lead.action_set_won()
                self.counts["won"] += 1
            elif roll < 0.7:
                self._lose(lead)
            else:
                self._set_status(lead, "requires_followup", "Thinking about the treatment plan.")
            return
        if code == "no_response" and lead.clinic_followup_streak >= 3 and roll < 0.7:
            self._lose(lead)
        elif roll < 0.30:
            self._set_status(lead, "no_response", "No answer, left a voicemail.")
        elif roll < 0.42:
            self._set_status(
                lead, "call_later", "Asked to call back.", clinic_followup_date=self._later(1, 5)
            )
        elif roll < 0.50:
            self._set_status(lead, "requires_followup", "Needs to check with the family.")
        elif roll < 0.80:
            self._book_consult(lead)
        elif roll < 0.88:
            self._set_status(lead, "not_interested", "Not interested for now.")
            if self.rng.random() < 0.8:
                self._lose(lead)
        else:
            # Marks the call done and schedules nothing: the lead goes silent.
            due = lead.activity_ids.filtered(lambda a: a.date_deadline <= self.today)
            due.action_feedback(feedback="Called.")

    def _lose(self, lead):
        lead.sudo().action_set_lost(lost_reason_id=self.lost_reason.id)
        self.counts["lost"] += 1

    def _book_consult(self, lead):
        lead = lead.sudo()
        if lead.type == "lead":
            lead.type = "opportunity"
        if not lead.clinic_patient_id:
            lead.clinic_patient_id = self._new_patient()
        if not lead.clinic_patient_id.email:
            # The family's address, as the coordinator takes it down while booking.
            lead.clinic_patient_id.email = (
                lead.email_from or "family%s@family.example.com" % lead.id
            )
        start = self._later(2, 10)
        context = lead.action_clinic_schedule_consult()["context"]
        self.env["calendar.event"].with_context(**context).create(
            {"start": start, "stop": start + timedelta(hours=1)}
        )
        self.counts["consults_booked"] += 1
        if not lead.clinic_patient_id.clinic_intake_request_ids.filtered(
            lambda r: r.state in ("sent", "in_progress", "done")
        ):
            self._send_intake(lead.clinic_patient_id, due=start.date(), lead=lead)

    def _consults_happen(self):
        events = self.env["calendar.event"].search(
            [
                ("clinic_is_consult", "=", True),
                ("clinic_outcome", "=", False),
                ("id", ">", self.first_id["calendar.event"]),
                ("start", ">=", datetime.combine(self.today, dtime.min)),
                ("start", "<", datetime.combine(self.today + timedelta(days=1), dtime.min)),
            ],
            order="id",
        )
        for event in events:
            roll = self.rng.random()
            if roll < 0.12:
                self.counts["consult_outcome_forgotten"] += 1
                continue
            outcome = "attended" if roll < 0.75 else ("no_show" if roll < 0.95 else "canceled")
            event.write({"clinic_outcome": outcome})

    # ------------------------------------------------------------------ intake forms
    def _send_intake(self, patient, due, lead):
        recipient = patient
        if patient.clinic_is_minor:
            # A child's forms go to a parent (a demo database has children as patients).
            recipient = (
                self.env["clinic.patient.guardian"]
                .search([("patient_id", "=", patient.id)], order="is_primary desc, id", limit=1)
                .guardian_id
            )
            if not recipient.email:
                return self.env["clinic.intake.request"]
        request = self.env["clinic.intake.request"].create(
            {
                "survey_id": self.survey.id,
                "patient_id": patient.id,
                "recipient_id": recipient.id,
                "lead_id": lead.id if lead else False,
                "date_due": due,
                "user_id": (lead.user_id.id if lead else False) or self.admin.id,
            }
        )
        request.action_send()
        self.counts["intake_sent"] += 1
        self._plan_intake(request)
        return request

    def _plan_intake(self, request):
        # Most families fill the form within a week; about one in four never does.
        self.intake_plan[request.id] = (
            self.today + timedelta(days=self.rng.randint(0, 8))
            if self.rng.random() < 0.75
            else None
        )

    def _complete_intake(self, request):
        user_input = request.sudo().user_input_id
        user_input.write({"state": "in_progress"})
        user_input._mark_done()
        self.counts["intake_completed"] += 1

    def _families_fill_forms(self):
        requests = self.env["clinic.intake.request"].search(
            [
                ("state", "in", ("sent", "in_progress")),
                ("id", ">", self.first_id["clinic.intake.request"]),
            ],
            order="id",
        )
        for request in requests:
            if request.id not in self.intake_plan:  # a renewal sent by the cron
                self._plan_intake(request)
            planned = self.intake_plan[request.id]
            if planned and planned <= self.today:
                self._complete_intake(request)

    # ------------------------------------------------------------------ records requests
    def _records_arrivals(self):
        if self.rng.random() < 0.45:
            self._new_records_request(self.today)

    def _new_records_request(self, received):
        patient = self.rng.choice(self.existing_patients)
        request = self.env["clinic.records.request"].create(
            {
                "patient_id": patient.id,
                "requester_id": patient.id,
                "direction": "incoming",
                "date_received": received,
                "delivery_method": "in_person",
                "user_id": self.rng.choice(self.coordinators).id,
            }
        )
        self.counts["records_requests"] += 1
        # Most are worked within a few weeks (some late); one in four is forgotten.
        self.records_plan[request.id] = (
            received + timedelta(days=self.rng.randint(2, 40)) if self.rng.random() < 0.75 else None
        )

    def _records_work(self):
        requests = self.env["clinic.records.request"].search(
            [
                ("direction", "=", "incoming"),
                ("state", "in", ("received", "verifying", "authorized", "preparing")),
            ],
            order="id",
        )
        for request in requests:
            planned = self.records_plan.get(request.id)
            if not planned or planned > self.today:
                continue
            if self.rng.random() < 0.05:
                request.action_withdraw()
            else:
                request.action_start_verification()
                request.identity_method = "photo_id"
                request.action_verify_identity()
                request.action_authorize()
                request.action_start_preparing()
                request.action_send()
            self.records_closed_on[request.id] = self.today

    def _observe_records(self):
        """After the night's crons: which open requests carry an escalation flag."""
        flagged = self.env["clinic.records.request"].search(
            [("direction", "=", "incoming"), ("deadline_flag", "in", ("due_soon", "overdue"))]
        )
        for request in flagged:
            self.records_escalated_on.setdefault(request.id, self.today)

    # ------------------------------------------------------------------ crons
    def _our_crons(self):
        crons = self.env["ir.cron"].with_context(active_test=False).search([], order="id")
        return crons.filtered(
            lambda c: (c.get_external_id().get(c.id) or "").split(".")[0] in ADDONS and c.active
        )

    def _run_crons(self):
        """Every scheduled action of the four addons once, as the cron runner would tonight;
        a job that re-triggers itself (more work than one batch) runs again."""
        for cron in self._our_crons():
            if "_cron_clinic_plan_next_steps" in (cron.code or ""):
                # What the nightly safety net has to catch tonight.
                self.counts["next_steps_planned_by_cron"] += self.env["crm.lead"].search_count(
                    self.env["crm.lead"]._clinic_without_next_step_domain()
                )
            for _again in range(20):
                cron.ir_actions_server_id.sudo().run()
                triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
                if not triggers:
                    break
                triggers.unlink()
            self.env.flush_all()

    # ------------------------------------------------------------------ outcomes
    def outcomes(self):
        """What a clinic is judged on, over the simulated days, computed by the dashboard's
        own code (clinic.crm.dashboard) on the simulated records."""
        board = self.env["clinic.crm.dashboard"]._clinic_board(
            {
                "period": "custom",
                "date_from": fields.Date.to_string(self.start),
                "date_to": fields.Date.to_string(self.today),
            }
        )
        return {
            "leads": board.lead_count,
            "median_hours_to_contact": board.median_hours_to_contact,
            "p90_hours_to_contact": board.p90_hours_to_contact,
            "intake_first_visits": board.intake_first_visit_count,
            "intake_ready": board.intake_ready_count,
            "intake_ready_rate": board.intake_ready_rate,
            "appointments_due": board.appointment_due_count,
            "no_shows": board.no_show_count,
            "no_show_rate": board.no_show_rate,
            "consults": board.consult_count,
            "starts": board.start_count,
            "consult_rate": board.consult_rate,
            "consult_start_rate": board.consult_start_rate,
            "start_rate": board.start_rate,
        }

    # ------------------------------------------------------------------ invariants
    def check(self):
        """{invariant: {counts..., "violations": [...]}} at the end of the last day."""
        env = self.env
        env.invalidate_all()
        today = fields.Date.context_today(env["crm.lead"])
        now = fields.Datetime.now()
        Lead = env["crm.lead"].with_context(active_test=False)
        open_leads = Lead.search([("active", "=", True), ("won_status", "=", "pending")])
        closed = Lead.search_count([("won_status", "!=", "pending")]) + Lead.search_count(
            [("active", "=", False), ("won_status", "=", "pending")]
        )
        activities = env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", open_leads.ids)]
        )
        first_deadline = {}
        for activity in activities:
            prev = first_deadline.get(activity.res_id)
            if prev is None or activity.date_deadline < prev:
                first_deadline[activity.res_id] = activity.date_deadline
        without = open_leads.filtered(lambda lead: lead.id not in first_deadline)
        report = {
            "open_leads_have_next_activity": {
                "next_steps_planned_by_cron": self.counts["next_steps_planned_by_cron"],
                "leads": Lead.search_count([]),
                "open": len(open_leads),
                "closed": closed,
                "open_with_activity": len(open_leads) - len(without),
                "violations": without.mapped("name"),
            },
        }
        # Overdue from the raw data (activities, dates), not from the flag under test.
        overdue = open_leads.filtered(
            lambda lead: (
                (first_deadline.get(lead.id) and first_deadline[lead.id] < today)
                or (lead.clinic_followup_date and lead.clinic_followup_date < now)
                or (
                    not lead.clinic_first_contact_date
                    and lead.clinic_first_contact_due
                    and lead.clinic_first_contact_due < now
                )
            )
        )
        searched = Lead.search([("clinic_followup_overdue", "=", True)])
        unflagged = overdue.filtered(
            lambda lead: not lead.clinic_followup_overdue or lead not in searched
        )
        report["overdue_followups_flagged"] = {
            "overdue": len(overdue),
            "flagged": len(overdue) - len(unflagged),
            "violations": unflagged.mapped("name"),
        }
        Intake = env["clinic.intake.request"]
        past_expiry = Intake.search([("date_expiry", "!=", False), ("date_expiry", "<=", today)])
        renewals = Intake.search([("renewal_of_id", "in", past_expiry.ids)])
        renewed = past_expiry.filtered(lambda r: r in renewals.renewal_of_id)
        flagged = past_expiry.filtered(lambda r: r.state == "expired") - renewed
        bad = past_expiry - renewed - flagged
        report["intake_expiry_renewed_or_flagged"] = {
            "past_expiry": len(past_expiry),
            "renewed": len(renewed),
            "flagged_only": len(flagged),
            "renewals_completed": len(renewals.filtered(lambda r: r.state in ("done", "expired"))),
            "violations": bad.mapped("name"),
        }
        Records = env["clinic.records.request"]
        due = Records.search([("direction", "=", "incoming"), ("date_due", "<=", today)])
        in_time, escalated, late = Records, Records, Records
        for request in due:
            closed_on = self.records_closed_on.get(request.id)
            escalated_on = self.records_escalated_on.get(request.id)
            if closed_on and closed_on <= request.date_due:
                in_time |= request
            elif escalated_on and escalated_on < request.date_due:
                escalated |= request
            else:
                late |= request
        report["records_completed_or_escalated_before_due"] = {
            "requests": Records.search_count([("direction", "=", "incoming")]),
            "due_by_end": len(due),
            "completed_in_time": len(in_time),
            "escalated_before_due": len(escalated),
            "violations": late.mapped("name"),
        }
        return report
