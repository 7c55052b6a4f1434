# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakePacketPages(IntakeCommon, HttpCase):
    """A guardian's packet through survey's public routes, posted as a browser (or an
    attacker) would: progress after each form, name and birth date asked once, minor
    status never taken from an answer, dates and "none" checked, the clinic's frame."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dental = cls.env.ref("crm_intake_forms.intake_template_dental_history")
        cls.env.company.write({"name": "Aspen Smiles Orthodontics", "phone": "+1 303-555-0142"})
        # Created in the wrong order on purpose: the packet puts the medical history first.
        cls.dental_request, cls.medical_request = cls.env["clinic.intake.request"].create(
            [
                {
                    "survey_id": survey.id,
                    "patient_id": cls.minor.id,
                    "recipient_id": cls.guardian.id,
                }
                for survey in (cls.dental, cls.medical)
            ]
        )
        (cls.dental_request | cls.medical_request).action_send()

    # -- helpers --------------------------------------------------------

    def _tokens(self, intake):
        user_input = intake.sudo().user_input_id
        return intake.survey_id.access_token, user_input.access_token

    def _q(self, intake, key):
        return intake.survey_id.question_ids.filtered(lambda q: q.clinic_key == key)

    def _choice(self, intake, key, text):
        question = self._q(intake, key)
        return str(question.suggested_answer_ids.filtered(lambda a: a.value == text).id)

    def _page(self, intake, index):
        return intake.survey_id.page_ids.sorted("sequence")[index]

    def _begin(self, intake):
        survey_token, answer_token = self._tokens(intake)
        return self.make_jsonrpc_request(f"/survey/begin/{survey_token}/{answer_token}", {})

    def _submit(self, intake, page_index, answers):
        survey_token, answer_token = self._tokens(intake)
        params = {"page_id": self._page(intake, page_index).id}
        for key, value in answers.items():
            params[str(self._q(intake, key).id)] = value
        return self.make_jsonrpc_request(f"/survey/submit/{survey_token}/{answer_token}", params)

    def _answer_medical(self):
        request = self.medical_request
        self._begin(request)
        # An attacker's "No" to "is the patient a minor" for a 10-year-old is ignored.
        self._submit(
            request,
            0,
            {
                "patient_name": "Leo Park",
                "patient_birthdate": str(self.minor.clinic_birthdate),
                "is_minor": self._choice(request, "is_minor", "No"),
            },
        )
        self._submit(
            request,
            1,
            {
                "guardian_name": "Hannah Park",
                "guardian_relation": self._choice(request, "guardian_relation", "Parent"),
            },
        )
        health = {
            "takes_medications": self._choice(request, "takes_medications", "No"),
            "has_allergies": self._choice(request, "has_allergies", "No"),
            "premedication": self._choice(request, "premedication", "No"),
        }
        skipped = self._submit(request, 2, health)
        both = self._submit(
            request,
            2,
            {
                **health,
                "conditions": [
                    self._choice(request, "conditions", "None of these"),
                    self._choice(request, "conditions", "Asthma"),
                ],
            },
        )
        done = self._submit(
            request,
            2,
            {**health, "conditions": [self._choice(request, "conditions", "None of these")]},
        )
        return skipped, both, done

    # -- tests ----------------------------------------------------------

    def test_after_a_form_the_family_is_sent_back_to_the_packet(self):
        skipped, both, done = self._answer_medical()
        conditions = self._q(self.medical_request, "conditions")
        # "None" is an explicit answer: skipping the conditions, or "none" with a
        # condition, is refused.
        self.assertEqual(skipped[1]["error"], "validation")
        self.assertIn(str(conditions.id), skipped[1]["fields"])
        self.assertIn("alone", both[1]["fields"][str(conditions.id)])
        self.assertEqual(self.medical_request.state, "done")
        html = done[1]["survey_content"]
        self.assertIn("1 of 2 done", html)
        self.assertIn('next: <span class="fw-bold">Dental', html)
        self.assertIn(f"/my/intake/{self.dental_request.id}?access_token=", html)
        self.assertIn(f"/intake/{self.medical_request.packet_token}", html)
        self.assertNotIn("Take Again", html)
        self.assertNotIn("Review your answers", html)
        # Minor status came from the birth date and the state, not from the answer.
        self.assertIs(self.medical_request._clinic_mapped_answers()["patient_is_minor"], True)
        # "Take Again" by URL: back to the packet, no second answer.
        survey_token, answer_token = self._tokens(self.medical_request)
        count = self.env["survey.user_input"].search_count([])
        retry = self.url_open(f"/survey/retry/{survey_token}/{answer_token}", allow_redirects=False)
        self.assertIn(retry.status_code, (302, 303))
        self.assertIn(f"/intake/{self.medical_request.packet_token}", retry.headers["Location"])
        self.assertEqual(self.env["survey.user_input"].search_count([]), count)
        packet = self.url_open(f"/intake/{self.medical_request.packet_token}")
        self.assertIn("1 of 2 done", packet.text)

    def test_name_and_birth_date_are_asked_once_per_packet(self):
        self._answer_medical()
        dental = self.dental_request
        first_page = self._begin(dental)[1]["survey_content"]
        # Shown read-only, not asked again; minor status not shown at all.
        self.assertIn("o_clinic_locked_answer", first_page)
        self.assertIn("Leo Park", first_page)
        self.assertNotIn('name="%s"' % self._q(dental, "patient_name").id, first_page)
        # A visitor posting another name and birth date on the second form changes nothing.
        self._submit(
            dental,
            0,
            {
                "patient_name": "Mallory Other",
                "patient_birthdate": "1990-01-01",
                "is_minor": self._choice(dental, "is_minor", "No"),
            },
        )
        lines = dental.sudo().user_input_id.user_input_line_ids
        by_key = {line.question_id.clinic_key: line for line in lines}
        self.assertEqual(by_key["patient_name"].value_char_box, "Leo Park")
        self.assertEqual(by_key["patient_birthdate"].value_date, self.minor.clinic_birthdate)
        self.assertEqual(by_key["is_minor"].suggested_answer_id.value, "Yes")

    def test_dates_cannot_be_before_the_birth_date(self):
        self._answer_medical()
        dental = self.dental_request
        self._begin(dental)
        self._submit(dental, 0, {})
        self._submit(
            dental,
            1,
            {
                "guardian_name": "Hannah Park",
                "guardian_relation": self._choice(dental, "guardian_relation", "Parent"),
            },
        )
        answer = self._submit(
            dental,
            2,
            {
                "last_visit": "2001-05-01",
                "prior_ortho": self._choice(dental, "prior_ortho", "No"),
            },
        )
        self.assertEqual(answer[1]["error"], "validation")
        message = answer[1]["fields"][str(self._q(dental, "last_visit").id)]
        self.assertIn("before the patient's date of birth", message)
        self.assertNotEqual(dental.state, "done")

    def test_guardian_reads_questions_about_the_patient(self):
        self._begin(self.medical_request)
        self._submit(
            self.medical_request,
            0,
            {"patient_name": "Leo Park", "patient_birthdate": str(self.minor.clinic_birthdate)},
        )
        self._submit(
            self.medical_request,
            1,
            {
                "guardian_name": "Hannah Park",
                "guardian_relation": self._choice(
                    self.medical_request, "guardian_relation", "Parent"
                ),
            },
        )
        survey_token, answer_token = self._tokens(self.medical_request)
        page = self.url_open(f"/survey/{survey_token}/{answer_token}").text
        self.assertIn("Is the patient taking any medications?", page)
        self.assertNotIn("Are you taking any medications?", page)

    def test_family_pages_are_framed_by_the_clinic_only(self):
        survey_token, answer_token = self._tokens(self.medical_request)
        pages = {
            "packet": self.url_open(f"/intake/{self.medical_request.packet_token}").text,
            "form": self.url_open(f"/survey/start/{survey_token}?answer_token={answer_token}").text,
        }
        for name, html in pages.items():
            with self.subTest(page=name):
                self.assertIn("Aspen Smiles Orthodontics", html)
                self.assertIn("+1 303-555-0142", html)
                self.assertIn("o_clinic_public_header", html)
                for chrome in ("Powered by", "Your Logo", "Create a free website", "passionate"):
                    self.assertNotIn(chrome, html)
        self.assertIn("o_clinic_intake_start", pages["form"])
        self.assertNotIn("Start Survey", pages["form"])
