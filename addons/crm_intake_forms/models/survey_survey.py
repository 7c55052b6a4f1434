# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain
from odoo.tools import file_open, html2plaintext

from .intake_fields import (
    AUDIENCES,
    CHOICE_TYPES,
    CONSENT_CATEGORIES,
    INTAKE_CATEGORIES,
    INTAKE_FIELD_KEYS,
    QUESTION_TYPES,
)

TEMPLATE_FORMAT = "clinic-intake-template"
TEMPLATE_FORMAT_VERSION = 1


class SurveySurvey(models.Model):
    """An intake template is a survey with clinic meaning.

    The questions, pages, conditional display and portal answering stay Odoo's;
    we add what the clinic needs to decide whom to send it to, when it is due
    again and which consent text a signature refers to.
    """

    _inherit = "survey.survey"

    clinic_is_intake = fields.Boolean(string="Intake Template", index=True, tracking=True)
    clinic_intake_category = fields.Selection(
        INTAKE_CATEGORIES, string="Intake Category", tracking=True
    )
    clinic_audience = fields.Selection(
        AUDIENCES,
        string="Audience",
        default="any",
        tracking=True,
        help="Minor, via guardian: a parent or legal guardian fills it in and signs.",
    )
    clinic_stage_ids = fields.Many2many(
        "crm.stage",
        string="Required for Stages",
        help="“Send intake forms” proposes this form for leads in these pipeline stages.",
    )
    clinic_validity_months = fields.Integer(
        string="Valid for (months)",
        tracking=True,
        help="After this many months a completed form needs renewal; 0 means it never expires.",
    )
    clinic_consent_text = fields.Html(
        string="Consent Text",
        help="The text the patient or guardian agrees to; its hash is kept on every consent.",
    )
    clinic_consent_version = fields.Char(
        string="Consent Text Version",
        compute="_compute_clinic_consent_version",
        store=True,
        tracking=True,
        help="First 16 hex digits of the SHA-256 of the consent text.",
    )
    clinic_is_consent = fields.Boolean(
        string="Consent Form", compute="_compute_clinic_is_consent", store=True
    )
    clinic_signature_required = fields.Boolean(
        string="Drawn Signature Required",
        compute="_compute_clinic_signature_required",
        store=True,
        readonly=False,
        tracking=True,
        help="The signer draws their signature at the end of the form; the consent is "
        "valid only with it.",
    )

    _clinic_validity_months_positive = models.Constraint(
        "CHECK(clinic_validity_months >= 0)", "The validity of an intake form cannot be negative."
    )

    @api.depends("clinic_consent_text")
    def _compute_clinic_consent_version(self):
        for survey in self:
            text = html2plaintext(survey.clinic_consent_text or "").strip()
            survey.clinic_consent_version = (
                hashlib.sha256(text.encode()).hexdigest()[:16] if text else False
            )

    @api.depends("clinic_intake_category")
    def _compute_clinic_is_consent(self):
        for survey in self:
            survey.clinic_is_consent = survey.clinic_intake_category in CONSENT_CATEGORIES

    @api.depends("clinic_is_consent")
    def _compute_clinic_signature_required(self):
        for survey in self:
            survey.clinic_signature_required = survey.clinic_is_consent

    @api.constrains("clinic_is_intake", "clinic_intake_category")
    def _check_clinic_intake_category(self):
        for survey in self:
            if survey.clinic_is_intake and not survey.clinic_intake_category:
                raise ValidationError(
                    self.env._(
                        "Intake template “%(title)s” needs a category (medical history, "
                        "insurance, consent…).",
                        title=survey.title,
                    )
                )

    # ------------------------------------------------------------------
    # JSON export / import: a template moves between clinics as one document.
    # ------------------------------------------------------------------

    def _clinic_export_template(self):
        """The template as a dict following ``data/intake_template.schema.json``."""
        self.ensure_one()
        pages = []
        current = None
        for question in self.question_and_page_ids.sorted(lambda q: (q.sequence, q.id)):
            if question.is_page:
                current = {"title": question.title, "questions": []}
                pages.append(current)
                continue
            if current is None:
                current = {"title": self.title, "questions": []}
                pages.append(current)
            current["questions"].append(question._clinic_export_question())
        return {
            "format": TEMPLATE_FORMAT,
            "version": TEMPLATE_FORMAT_VERSION,
            "title": self.title,
            "category": self.clinic_intake_category or "medical_history",
            "audience": self.clinic_audience or "any",
            "validity_months": self.clinic_validity_months,
            "required_for_stages": sorted(set(self.clinic_stage_ids.mapped("name"))),
            "description": str(self.description or ""),
            "consent_text": str(self.clinic_consent_text or ""),
            "pages": pages,
        }

    def action_clinic_export_json(self):
        """Download the template as a JSON attachment."""
        self.ensure_one()
        data = json.dumps(self._clinic_export_template(), indent=2, ensure_ascii=False)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.title}.intake.json",
                "raw": data.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.model
    def _clinic_parse_template(self, raw):
        """Parse and validate a template document; every problem in the clinic's words.

        :param raw: JSON text (str or bytes) or an already-decoded dict
        :return: the validated dict
        """
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise ValidationError(self.env._("The template file is not UTF-8 text.")) from err
        if isinstance(raw, str):
            try:
                data = json.loads(raw)
            except ValueError as err:
                raise ValidationError(
                    self.env._(
                        "The template file is not valid JSON (line %(line)s, column %(col)s: "
                        "%(msg)s).",
                        line=getattr(err, "lineno", "?"),
                        col=getattr(err, "colno", "?"),
                        msg=getattr(err, "msg", str(err)),
                    )
                ) from err
        else:
            data = raw
        problems = self._clinic_template_problems(data)
        if problems:
            raise ValidationError(
                self.env._(
                    "The intake template cannot be imported:\n%(problems)s",
                    problems="\n".join(f"• {p}" for p in problems),
                )
            )
        return data

    @api.model
    def _clinic_template_problems(self, data):
        """List what is wrong with a template document (empty list: it is valid)."""
        if not isinstance(data, dict):
            return [self.env._("The document must be a JSON object.")]
        problems = []
        if data.get("format") != TEMPLATE_FORMAT:
            problems.append(self.env._("“format” must be “%(format)s”.", format=TEMPLATE_FORMAT))
        if data.get("version") != TEMPLATE_FORMAT_VERSION:
            problems.append(self.env._("“version” must be %(v)s.", v=TEMPLATE_FORMAT_VERSION))
        if not isinstance(data.get("title"), str) or not data["title"].strip():
            problems.append(self.env._("“title” is required."))
        categories = dict(INTAKE_CATEGORIES)
        if data.get("category") not in categories:
            problems.append(
                self.env._("“category” must be one of: %(values)s.", values=", ".join(categories))
            )
        if data.get("audience", "any") not in dict(AUDIENCES):
            problems.append(self.env._("“audience” must be any, adult or minor."))
        validity = data.get("validity_months", 0)
        if not isinstance(validity, int) or isinstance(validity, bool) or validity < 0:
            problems.append(
                self.env._("“validity_months” must be a whole number of months, 0 or more.")
            )
        for key in ("description", "consent_text"):
            if not isinstance(data.get(key, ""), str):
                problems.append(self.env._("“%(key)s” must be text.", key=key))
        stages = data.get("required_for_stages", [])
        if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
            problems.append(self.env._("“required_for_stages” must be a list of stage names."))
        pages = data.get("pages")
        if not isinstance(pages, list) or not pages:
            problems.append(self.env._("“pages” must be a non-empty list."))
            return problems
        seen = {}
        for p_index, page in enumerate(pages, 1):
            if not isinstance(page, dict) or not isinstance(page.get("title"), str):
                problems.append(self.env._("Page %(n)s needs a “title”.", n=p_index))
                continue
            questions = page.get("questions")
            if not isinstance(questions, list) or not questions:
                problems.append(self.env._("Page %(n)s needs at least one question.", n=p_index))
                continue
            for q_index, question in enumerate(questions, 1):
                where = self.env._("Page %(p)s, question %(q)s", p=p_index, q=q_index)
                problems += self._clinic_question_problems(question, where, seen)
        return problems

    @api.model
    def _clinic_question_problems(self, question, where, seen):
        if not isinstance(question, dict):
            return [self.env._("%(where)s must be an object.", where=where)]
        problems = []
        if not isinstance(question.get("title"), str) or not question["title"].strip():
            problems.append(self.env._("%(where)s needs a “title”.", where=where))
        if not isinstance(question.get("title_guardian", ""), str):
            problems.append(self.env._("%(where)s: “title_guardian” must be text.", where=where))
        qtype = question.get("type")
        if qtype not in QUESTION_TYPES:
            problems.append(
                self.env._(
                    "%(where)s: “type” must be one of %(types)s.",
                    where=where,
                    types=", ".join(sorted(QUESTION_TYPES)),
                )
            )
        maps_to = question.get("maps_to")
        if maps_to and maps_to not in INTAKE_FIELD_KEYS:
            problems.append(
                self.env._(
                    "%(where)s: “maps_to” %(value)s is not a known patient field.",
                    where=where,
                    value=maps_to,
                )
            )
        answers = question.get("answers", [])
        if qtype in CHOICE_TYPES and (
            not isinstance(answers, list)
            or not answers
            or not all(isinstance(a, str) and a.strip() for a in answers)
        ):
            problems.append(
                self.env._(
                    "%(where)s: a choice question needs a list of answer texts.", where=where
                )
            )
            answers = []
        key = question.get("key")
        if key is not None:
            if not isinstance(key, str) or not key:
                problems.append(self.env._("%(where)s: “key” must be text.", where=where))
            elif key in seen:
                problems.append(
                    self.env._("%(where)s: key “%(key)s” is used twice.", where=where, key=key)
                )
            else:
                seen[key] = answers if isinstance(answers, list) else []
        show_if = question.get("show_if", [])
        if not isinstance(show_if, list):
            problems.append(self.env._("%(where)s: “show_if” must be a list.", where=where))
            show_if = []
        for cond in show_if:
            if (
                not isinstance(cond, dict)
                or cond.get("question") not in seen
                or cond.get("answer") not in seen.get(cond.get("question"), [])
            ):
                problems.append(
                    self.env._(
                        "%(where)s: “show_if” must name an earlier question's key and one of "
                        "its answers.",
                        where=where,
                    )
                )
        return problems

    @api.model
    def _clinic_import_template(self, raw):
        """Create an intake template from a JSON document; nothing is created if invalid."""
        data = self._clinic_parse_template(raw)
        stage_names = data.get("required_for_stages", [])
        stages = self.env["crm.stage"]
        if stage_names:
            stages = stages.search(
                Domain.OR(Domain("name", "=ilike", name) for name in stage_names)
            )
        survey = self.create(
            {
                "title": data["title"],
                "description": Markup(data.get("description") or ""),
                "clinic_is_intake": True,
                "clinic_intake_category": data["category"],
                "clinic_audience": data.get("audience", "any"),
                "clinic_validity_months": data.get("validity_months", 0),
                "clinic_consent_text": Markup(data.get("consent_text") or ""),
                "clinic_stage_ids": [Command.set(stages.ids)],
                "access_mode": "token",
                "users_can_go_back": True,
                "questions_layout": "page_per_section",
                "is_attempts_limited": False,
            }
        )
        Question = self.env["survey.question"]
        by_key = {}
        sequence = 0
        for page in data["pages"]:
            sequence += 10
            Question.create(
                {
                    "survey_id": survey.id,
                    "title": page["title"],
                    "is_page": True,
                    "question_type": False,
                    "sequence": sequence,
                }
            )
            for qdata in page["questions"]:
                sequence += 10
                triggers = [
                    by_key[cond["question"]][cond["answer"]] for cond in qdata.get("show_if", [])
                ]
                question = Question.create(
                    {
                        "survey_id": survey.id,
                        "sequence": sequence,
                        "title": qdata["title"],
                        "clinic_title_guardian": qdata.get("title_guardian") or False,
                        "description": Markup(qdata.get("help") or "") or False,
                        "question_type": qdata["type"],
                        "constr_mandatory": bool(qdata.get("required")),
                        "clinic_key": qdata.get("key") or False,
                        "clinic_intake_field": qdata.get("maps_to") or False,
                        "suggested_answer_ids": [
                            Command.create({"value": text, "sequence": index})
                            for index, text in enumerate(qdata.get("answers", []))
                        ],
                        "triggering_answer_ids": [Command.set(triggers)],
                    }
                )
                if qdata.get("key"):
                    by_key[qdata["key"]] = {
                        answer.value: answer.id for answer in question.suggested_answer_ids
                    }
        return survey

    @api.model
    def _clinic_load_shipped_templates(self, names):
        """Create the templates shipped in ``data/templates`` once, with stable XML ids.

        Run from data on install and update: a template already there (even edited
        by the clinic) is left alone, so the clinic's changes survive updates.
        """
        IrModelData = self.env["ir.model.data"]
        for name in names:
            xmlid = f"crm_intake_forms.intake_template_{name}"
            if self.env.ref(xmlid, raise_if_not_found=False):
                continue
            with file_open(f"crm_intake_forms/data/templates/{name}.json") as handle:
                survey = self._clinic_import_template(handle.read())
            IrModelData.create(
                {
                    "module": "crm_intake_forms",
                    "name": f"intake_template_{name}",
                    "model": self._name,
                    "res_id": survey.id,
                    "noupdate": True,
                }
            )
