# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SPLIT_RE = re.compile(r"[\s,;]+")
# One interval: a number and an optional unit (months when none): 6, 2w, 10d, 3m.
INTERVAL_RE = re.compile(r"^(\d+)(d|w|m)?$")
INTERVAL_UNITS = {"d": ("days", 3650), "w": ("weeks", 520), "m": ("months", 120)}


class ClinicRecallRule(models.Model):
    """When a patient should come back, by procedure done or by patient type.

    The anchor is the last matching procedure done (e.g. debond, hygiene) or, for
    a patient-type rule, the patient's last procedure done. The n-th recall after
    the anchor falls ``intervals[n]`` after it (months, or days and weeks for
    post-operative checks: ``2w``); a repeating rule then keeps the last interval
    (hygiene every 6 months).
    """

    _name = "clinic.recall.rule"
    _description = "Recall Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", index=True)
    trigger = fields.Selection(
        [("procedure", "Procedure done"), ("patient_type", "Patient type")],
        required=True,
        default="procedure",
        tracking=True,
    )
    procedure_codes = fields.Char(
        tracking=True,
        help="Comma-separated procedure codes whose completion starts the recalls "
        "(e.g. D4910 for periodontal maintenance, D8680 for the debond visit).",
    )
    category_ids = fields.Many2many(
        "res.partner.category",
        string="Patient Tags",
        help="Patients with one of these tags follow this rule.",
    )
    interval_months = fields.Char(
        string="Intervals",
        required=True,
        default="6",
        tracking=True,
        help="Time after the anchor for each recall, in months unless followed by d (days) "
        "or w (weeks): 6 for six months, 3, 6, 12 for retention checks, 2w for a two-week "
        "post-operative check, 10d for ten days.",
    )
    is_repeating = fields.Boolean(
        string="Repeat",
        default=True,
        tracking=True,
        help="After the listed recalls, keep recalling at the last interval.",
    )
    notice_days = fields.Integer(
        string="Remind Days Before",
        default=14,
        help="The coordinator's to-do and the patient's reminder go out this many days early.",
    )
    recall_ids = fields.One2many("clinic.recall", "rule_id", string="Recalls")

    @api.constrains("interval_months")
    def _check_interval_months(self):
        for rule in self:
            rule._clinic_intervals()

    @api.constrains("trigger", "procedure_codes", "category_ids")
    def _check_trigger(self):
        for rule in self:
            if rule.trigger == "procedure" and not rule._clinic_codes():
                raise ValidationError(
                    self.env._("Recall rule “%s”: list the procedure codes.", rule.name)
                )
            if rule.trigger == "patient_type" and not rule.category_ids:
                raise ValidationError(
                    self.env._("Recall rule “%s”: choose the patient tags.", rule.name)
                )

    def _clinic_codes(self):
        self.ensure_one()
        return {code.upper() for code in SPLIT_RE.split(self.procedure_codes or "") if code}

    def _clinic_intervals(self):
        """The rule's intervals, as relativedelta, in order."""
        self.ensure_one()
        tokens = [token for token in SPLIT_RE.split((self.interval_months or "").lower()) if token]
        intervals = []
        for token in tokens:
            match = INTERVAL_RE.match(token)
            unit, limit = INTERVAL_UNITS[match.group(2) or "m"] if match else (None, 0)
            if not match or not 0 < int(match.group(1)) <= limit:
                intervals = []
                break
            intervals.append(relativedelta(**{unit: int(match.group(1))}))
        if not intervals:
            raise ValidationError(
                self.env._(
                    "Recall rule “%(rule)s”: intervals are whole months between 1 and 120, "
                    "or days (d) or weeks (w) for short checks, separated by commas "
                    "(e.g. 3, 6, 12 or 2w).",
                    rule=self.name,
                )
            )
        return intervals

    def _clinic_anchor(self, patient):
        """The date the recalls count from, or False when the rule does not apply."""
        self.ensure_one()
        Procedure = self.env["clinic.treatment.procedure"].sudo()
        domain = [("patient_id", "=", patient.id), ("status", "=", "done")]
        if self.trigger == "procedure":
            domain.append(("code", "in", list(self._clinic_codes())))
        elif not (patient.category_id & self.category_ids):
            return False
        last = Procedure.search(domain, order="date_done desc", limit=1)
        return last.date_done or False

    def _clinic_next_due(self, patient):
        """The due date of the patient's next recall under this rule, or False."""
        self.ensure_one()
        anchor = self._clinic_anchor(patient)
        if not anchor:
            return False
        done = (
            self.env["clinic.recall"]
            .sudo()
            .search(
                [
                    ("patient_id", "=", patient.id),
                    ("rule_id", "=", self.id),
                    ("state", "=", "done"),
                    ("date_done", ">=", anchor),
                ],
                order="date_done desc",
            )
        )
        intervals = self._clinic_intervals()
        if len(done) < len(intervals):
            return anchor + intervals[len(done)]
        if self.is_repeating:
            return done[0].date_done + intervals[-1]
        return False

    def _clinic_patients(self):
        """Patients this rule may apply to."""
        self.ensure_one()
        if self.trigger == "procedure":
            return (
                self.env["clinic.treatment.procedure"]
                .sudo()
                .search([("status", "=", "done"), ("code", "in", list(self._clinic_codes()))])
                .patient_id
            )
        return self.env["res.partner"].search(
            [("category_id", "in", self.category_ids.ids), ("clinic_is_patient", "=", True)]
        )

    def _clinic_plan_recall(self, patient):
        """Open the patient's next recall under this rule unless one is open already."""
        self.ensure_one()
        Recall = self.env["clinic.recall"].sudo()
        if Recall.search_count(
            [("patient_id", "=", patient.id), ("rule_id", "=", self.id), ("state", "=", "open")],
            limit=1,
        ):
            return Recall
        due = self._clinic_next_due(patient)
        if not due:
            return Recall
        return Recall.create(
            {
                "patient_id": patient.id,
                "rule_id": self.id,
                "date_due": due,
                "company_id": (patient.company_id or self.company_id or self.env.company).id,
            }
        )
