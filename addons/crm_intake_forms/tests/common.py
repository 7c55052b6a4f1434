# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

# A 1x1 transparent PNG, as the signature pad sends it (base64, no data: prefix).
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


class IntakeCommon(ClinicRolesCommon):
    """An adult patient, a minor with a guardian, and helpers to answer forms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        Partner = cls.env["res.partner"]
        cls.adult = Partner.create(
            {
                "name": "Olivia Grant",
                "email": "olivia.grant@example.com",
                "clinic_is_patient": True,
                "clinic_birthdate": today - relativedelta(years=34),
                "street": "12 Elm Street",
                "city": "Denver",
                "zip": "80206",
            }
        )
        cls.minor = Partner.create(
            {
                "name": "Leo Park",
                "clinic_is_patient": True,
                "clinic_birthdate": today - relativedelta(years=10),
            }
        )
        cls.guardian = Partner.create({"name": "Hannah Park", "email": "hannah.park@example.com"})
        cls.env["clinic.patient.guardian"].create(
            {
                "patient_id": cls.minor.id,
                "guardian_id": cls.guardian.id,
                "relation": "parent",
                "is_primary": True,
            }
        )
        cls.medical = cls.env.ref("crm_intake_forms.intake_template_medical_history")
        cls.insurance = cls.env.ref("crm_intake_forms.intake_template_insurance")
        cls.general_consent = cls.env.ref("crm_intake_forms.intake_template_general_consent")
        cls.lead.clinic_patient_id = cls.adult
        # Crons commit their progress between batches; a test may not commit.
        cls.startClassPatcher(
            patch.object(type(cls.env["ir.cron"]), "_commit_progress", return_value=60.0)
        )

    @staticmethod
    def _allow_texts(partner):
        """The family agreed to texts, where the clinic records it (the SMS addon's
        consent, checked by crm_intake_forms_sms when both are installed)."""
        if "clinic_consent_sms" in partner._fields:
            partner.clinic_consent_sms = True

    @classmethod
    def _make_request(cls, survey, patient, recipient=None, **vals):
        request = cls.env["clinic.intake.request"].create(
            {
                "survey_id": survey.id,
                "patient_id": patient.id,
                "recipient_id": (recipient or patient).id,
                "date_due": fields.Date.today() + relativedelta(days=7),
                **vals,
            }
        )
        request.action_send()
        return request

    @staticmethod
    def _answer(request, answers, submit=True):
        """Answer the request's form like the portal does: by question key. A
        ``signature`` (the signer's name) signs the consent at the end, as the portal's
        signature step does, with a drawn signature."""
        answers = dict(answers)
        signer_name = answers.pop("signature", None)
        user_input = request.sudo().user_input_id
        questions = {q.clinic_key: q for q in user_input.survey_id.question_ids}
        for key, value in answers.items():
            question = questions[key]
            if question.question_type in ("simple_choice", "multiple_choice"):
                texts = value if isinstance(value, list) else [value]
                value = [
                    question.suggested_answer_ids.filtered(lambda a, t=text: a.value == t).id
                    for text in texts
                ]
            user_input._save_lines(question, value)
        if submit:
            user_input._mark_done()
            if signer_name and request.sudo()._clinic_awaiting_signature():
                request.sudo()._clinic_sign(signer_name, PNG)
        return user_input
