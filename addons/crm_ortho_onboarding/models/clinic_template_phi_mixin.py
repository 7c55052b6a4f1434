# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import fields, models
from odoo.exceptions import ValidationError

# A field path rendered by a template: {{ object.a.b }}, t-out="object.a.b", ...
_OBJECT_PATH = re.compile(r"\bobject((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
# Health information by field name, label or related model: diagnosis, conditions,
# birthdate, treatment details, insurance and member ids, clinical findings.
_SENSITIVE = re.compile(
    r"(?i)diagnos|condition|birth|treatment|procedure|tooth|teeth|medical|medication|"
    r"allerg|finding|clinical|insurance|insurer|coverage|policy|member_?(?:id|number)|"
    r"subscriber|payer|authori[sz]ation"
)
# Always sent to patients and families.
PATIENT_FACING_MODELS = {"crm.lead", "res.partner", "calendar.event"}
# Sent to referring providers, who may receive clinical findings (treatment purposes).
PROVIDER_FACING_MODELS = {"clinic.referral", "clinic.referral.letter"}


class ClinicTemplatePhiMixin(models.AbstractModel):
    """Templates sent to patients must not disclose health information.

    A template on a patient-facing model (leads, contacts, consults, and any model with a
    patient) whose text renders a diagnosis, a condition, a birthdate, treatment details
    or insurance ids is refused on save, unless a clinic admin marked it as reviewed.
    """

    _name = "clinic.template.phi.mixin"
    _description = "Clinic: health information check of message templates"
    _clinic_phi_text_fields = ()

    clinic_phi_reviewed = fields.Boolean(
        string="Reviewed for Health Information",
        copy=False,
        groups="crm_ortho_onboarding.group_clinic_admin",
        help="A clinic admin checked that sending this template's health information to "
        "patients is intended. Changing the text by someone else clears it.",
    )

    def _clinic_is_patient_facing(self, model_name):
        if not model_name or model_name not in self.env or model_name in PROVIDER_FACING_MODELS:
            return False
        if model_name in PATIENT_FACING_MODELS:
            return True
        fields_ = self.env[model_name]._fields
        return any(
            name in fields_ and fields_[name].comodel_name == "res.partner"
            for name in ("patient_id", "clinic_patient_id")
        )

    def _clinic_phi_references(self):
        """The rendered field paths that disclose health information, e.g. ``object.x.y``."""
        self.ensure_one()
        found = []
        for text_field in self._clinic_phi_text_fields:
            text = str(self[text_field] or "")
            for match in _OBJECT_PATH.finditer(text):
                model = self.env[self.model]
                for name in match.group(1)[1:].split("."):
                    field = model._fields.get(name)
                    if not field:
                        break
                    if _SENSITIVE.search(name) or _SENSITIVE.search(field.string or ""):
                        found.append((f"object{match.group(1)}", field.string))
                        break
                    if not field.relational:
                        break
                    if _SENSITIVE.search(field.comodel_name):
                        found.append((f"object{match.group(1)}", field.string))
                        break
                    model = self.env[field.comodel_name]
        return found

    def _clinic_check_phi(self):
        for template in self.sudo():
            if template.clinic_phi_reviewed or not template._clinic_is_patient_facing(
                template.model
            ):
                continue
            found = template._clinic_phi_references()
            if found:
                shown = ", ".join(sorted({f"{label} ({path})" for path, label in found}))
                raise ValidationError(
                    self.env._(
                        "The template “%(template)s” is sent to patients and would show "
                        "health information: %(fields)s. Remove it from the text, or ask "
                        "a clinic admin to tick “Reviewed for Health Information”.",
                        template=template.display_name,
                        fields=shown,
                    )
                )

    def _clinic_phi_before_write(self, vals):
        """A text change by someone who is not a clinic admin voids an earlier review."""
        if (
            not self.env.su
            and "clinic_phi_reviewed" not in vals
            and any(name in vals for name in self._clinic_phi_text_fields)
            and not self.env.user.has_group("crm_ortho_onboarding.group_clinic_admin")
        ):
            self.sudo().filtered("clinic_phi_reviewed").clinic_phi_reviewed = False
