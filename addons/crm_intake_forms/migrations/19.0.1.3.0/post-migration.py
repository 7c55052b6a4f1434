# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Intake templates shipped before 19.0.1.3.0 (kept as the clinic edited them): their
"Is the patient under 18?" question becomes the computed minor status, never asked."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE survey_question question
           SET clinic_intake_field = 'patient_is_minor'
          FROM survey_survey survey
         WHERE question.survey_id = survey.id
           AND survey.clinic_is_intake
           AND question.clinic_key = 'is_minor'
           AND question.question_type = 'simple_choice'
           AND question.clinic_intake_field IS NULL
        """
    )
