# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Website forms: "Request a consultation" (patients) and "Join our team" (practitioners).

A value that fails a check is shown to the visitor to correct; sending the same
values again is accepted, and the lead is flagged to check them on the first call.
Only a post without a name or a way to reach the person (or with malformed input)
is refused outright.
"""

import json
import logging
import os

from odoo import http
from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools.misc import hmac

from odoo.addons.crm_ortho_onboarding.models.clinic_tools import normalize_email
from odoo.addons.crm_ortho_onboarding.models.crm_lead import ORTHO_CONCERNS

from ..models.clinic_capture_log import contact_hash
from ..models.crm_lead import FIELD_LABELS

_logger = logging.getLogger(__name__)

RESUME_MAX_BYTES = 5 * 1024 * 1024
RESUME_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt")
HONEYPOT = "website_url"
# Hidden field: a signature of the values the visitor was asked to check. The same
# values sent back with it are taken as confirmed.
CONFIRM = "clinic_confirm"
# Form input name -> API field name.
PATIENT_FIELDS = {
    "patient_first_name": "firstName",
    "patient_last_name": "lastName",
    "birthdate": "birthdate",
    "guardian_first_name": "primaryContactFirstName",
    "guardian_last_name": "primaryContactLastName",
    "phone": "phone",
    "email": "email",
    "concern": "concern",
    "insurance": "insurance",
    "location": "location",
    "heard_from": "marketingSourceId",
    "message": "message",
}
PRACTITIONER_FIELDS = {
    "first_name": "firstName",
    "last_name": "lastName",
    "email": "email",
    "phone": "phone",
    "role": "role",
    "npi": "npi",
    "message": "message",
}
CONSENTS = {
    "consent_phone": "consentPhone",
    "consent_sms": "consentSms",
    "consent_email": "consentEmail",
}
UTM_FIELDS = ("utm_campaign", "utm_medium", "utm_source")


def form_rate_limited(log, ip, email):
    """Whether website form posts from this IP (per 10 minutes) or e-mail (per hour)
    are over the limits; posts dropped as spam do not count."""
    params = request.env["ir.config_parameter"].sudo()
    per_ip = int(params.get_param("crm_ortho_onboarding.form_posts_per_ip", "5") or 5)
    per_email = int(params.get_param("crm_ortho_onboarding.form_posts_per_email", "3") or 3)
    web = [("channel", "in", ("web", "form")), ("result", "!=", "spam")]
    if log._clinic_retry_after(web + [("ip", "=", ip)], per_ip, 600):
        return True
    return bool(
        email
        and log._clinic_retry_after(
            web + [("email_hash", "=", contact_hash(email))], per_email, 3600
        )
    )


class ClinicLeadForm(http.Controller):
    @http.route(
        "/clinic/consultation",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def consultation(self, **post):
        if request.httprequest.method == "POST":
            return self._submit("patient", post)
        return self._render("patient", self._utm_defaults(), [])

    @http.route(
        "/clinic/join",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def join(self, **post):
        if request.httprequest.method == "POST":
            return self._submit("practitioner", post)
        return self._render("practitioner", self._utm_defaults(), [])

    @http.route("/clinic/thank-you", type="http", auth="public", website=True, sitemap=False)
    def thank_you(self, **_kw):
        return request.render("crm_clinic_capture.clinic_lead_form_thank_you")

    # ------------------------------------------------------------------

    def _utm_defaults(self):
        """UTM of the visit: the landing page's query, else Odoo's UTM cookies."""
        args = request.httprequest.args
        values = {}
        for url_param, _field, cookie in request.env["utm.mixin"].tracking_fields():
            value = args.get(url_param) or request.httprequest.cookies.get(cookie)
            if value:
                values[url_param] = value[:100]
        return values

    def _render(self, lead_type, values, errors, status=200, confirm=None):
        env = request.env
        teams = (
            env["crm.team"]
            .sudo()
            .search([("clinic_pipeline_type", "in", ("ortho", "aba"))], order="name")
        )
        context = {
            "values": values,
            "errors": errors,
            "error_fields": {e["field"] for e in errors},
            "concerns": ORTHO_CONCERNS,
            "locations": [(t.id, t.name) for t in teams],
            "sources": [
                (s.id, s.name)
                for s in env["utm.source"].sudo().search([("clinic_on_website_form", "=", True)])
            ],
            "roles": [(r.id, r.name) for r in env["clinic.practitioner.role"].sudo().search([])],
            "consent_wording": env["crm.lead"]._clinic_consent_wording(),
            "confirm_token": confirm,
        }
        template = (
            "crm_clinic_capture.clinic_lead_form_consultation"
            if lead_type == "patient"
            else "crm_clinic_capture.clinic_lead_form_join"
        )
        return request.render(template, context, status=status)

    def _payload(self, lead_type, post):
        fields_map = PATIENT_FIELDS if lead_type == "patient" else PRACTITIONER_FIELDS
        payload = {"leadtype": lead_type}
        for form_name, api_name in fields_map.items():
            if isinstance(post.get(form_name), str):
                payload[api_name] = post[form_name]
        if lead_type == "patient":
            consents = {api: bool(post.get(name)) for name, api in CONSENTS.items()}
            payload.update(consents)
            if any(consents.values()):
                # The wording is ours, never the visitor's.
                payload["consentText"] = request.env["crm.lead"]._clinic_consent_wording()
        for name in UTM_FIELDS:
            if isinstance(post.get(name), str):
                payload[name] = post[name]
        return payload

    def _submit(self, lead_type, post):
        env = request.env
        log = env["clinic.capture.log"].sudo()
        ip = (request.httprequest.remote_addr or "")[:64]
        values = {k: v for k, v in post.items() if isinstance(v, str) and k != "csrf_token"}
        email = normalize_email(post.get("email")) if isinstance(post.get("email"), str) else None
        log_vals = {
            "channel": "web",
            "ip": ip,
            "http_method": "POST",
            "company_id": env.company.id,
            "email_hash": contact_hash(email),
        }
        if post.get(HONEYPOT):
            # Bots fill every field; answer as if it worked so they learn nothing.
            log.create(dict(log_vals, result="spam", status_code=303))
            return request.redirect("/clinic/thank-you", code=303)
        if self._too_many(log, ip, email):
            log.create(dict(log_vals, result="rate_limited", status_code=429))
            message = env._(
                "We received several requests from you in a short time. Please try again "
                "later or call us."
            )
            return self._render(lead_type, values, [{"field": None, "message": message}], 429)
        lead_model = env["crm.lead"].sudo()
        payload = self._payload(lead_type, post)
        # Only the job form takes a file (the résumé), checked for type and size; any
        # other file posted to these forms is dropped unread.
        resume = request.httprequest.files.get("resume") if lead_type == "practitioner" else None
        resume_data, extra, signed = None, [], dict(payload)
        if resume and resume.filename:
            resume_data = resume.read(RESUME_MAX_BYTES + 1)
            extension = os.path.splitext(resume.filename)[1].lower()
            problem = None
            if len(resume_data) > RESUME_MAX_BYTES:
                problem = env._("is larger than 5 MB; it was not kept.")
            elif extension not in RESUME_EXTENSIONS:
                problem = env._("must be a PDF, Word or text file; it was not kept.")
            if problem:
                lead_model._clinic_capture_warn(extra, "resume", problem, resume.filename[:200])
                signed["resume"] = [resume.filename, len(resume_data)]
                resume_data = None
        vals, errors, warnings = lead_model._clinic_capture_validate(payload, extra=extra)
        if errors:
            log.create(
                dict(
                    log_vals,
                    result="invalid",
                    status_code=400,
                    error_fields=", ".join(sorted({e["field"] for e in errors if e["field"]})),
                )
            )
            return self._render(lead_type, values, self._labelled(errors, lead_type), 400)
        token = self._confirm_token(signed)
        if warnings and post.get(CONFIRM) != token:
            # Shown once to correct; the same values sent again are accepted, flagged.
            log.create(
                dict(
                    log_vals,
                    result="confirm",
                    status_code=400,
                    warning_fields=", ".join(sorted({w["field"] for w in warnings})),
                )
            )
            return self._render(
                lead_type, values, self._labelled(warnings, lead_type), 400, confirm=token
            )
        try:
            with env.cr.savepoint():
                outcome = lead_model._clinic_capture_submit(vals, "web")
                lead = outcome.get("lead")
                if resume_data and lead:
                    env["ir.attachment"].sudo().create(
                        {
                            "name": os.path.basename(resume.filename)[:200],
                            "raw": resume_data,
                            "res_model": "crm.lead",
                            "res_id": lead.id,
                        }
                    )
                env.flush_all()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # Odoo replays the request on a fresh snapshot
        except ConcurrencyError:
            raise
        except (ValidationError, UserError) as exc:
            errors = lead_model._clinic_capture_error_messages(exc)
            log.create(dict(log_vals, result="invalid", status_code=400))
            return self._render(lead_type, values, errors, 400)
        except Exception:
            _logger.exception("Website lead form failed")
            errors = lead_model._clinic_capture_error_messages(None)
            log.create(dict(log_vals, result="error", status_code=400))
            return self._render(lead_type, values, errors, 400)
        log._clinic_log_accepted(log_vals, outcome, warnings, 303)
        return request.redirect("/clinic/thank-you", code=303)

    def _confirm_token(self, payload):
        """A signature of exactly these values: a visitor confirms them by sending them again."""
        message = json.dumps(payload, sort_keys=True, default=str)
        return hmac(request.env(su=True), "crm_clinic_capture.form_confirm", message)

    def _too_many(self, log, ip, email):
        return form_rate_limited(log, ip, email)

    def _labelled(self, errors, lead_type):
        """Field errors with the form's labels, for the message list above the form."""
        labels = {
            "firstName": request.env._("First name"),
            "lastName": request.env._("Last name"),
            "email": request.env._("E-mail"),
            "phone": request.env._("Phone"),
            "birthdate": request.env._("Birthdate"),
            "npi": request.env._("NPI"),
            "resume": request.env._("Résumé"),
            "consentText": request.env._("Consent"),
        }
        fields_map = PATIENT_FIELDS if lead_type == "patient" else PRACTITIONER_FIELDS
        form_names = {api: form for form, api in {**CONSENTS, **fields_map}.items()}
        labelled = []
        for error in errors:
            field = error["field"]
            label = labels.get(field) or FIELD_LABELS.get(field) or field
            message = f"{label}: {error['message']}" if label else error["message"]
            labelled.append({"field": form_names.get(field, field), "message": message})
        return labelled
