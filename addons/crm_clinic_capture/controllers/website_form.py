# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One door: Odoo's form builder route for leads goes through the clinic's capture.

``/website/form/crm.lead`` (website's form builder, opened to leads by website_crm)
creates as superuser whatever fields the post names, the owner and the pipeline
included. Here a post to it becomes a capture like the clinic's own forms: rate
limits, the duplicate gate, the capture log, assignment, flagged values. A visitor
sets only the allow-listed fields below; files are not kept (only the job form
takes one, the résumé); the answer carries a fresh receipt, never the lead's id or
reference.
"""

import logging

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import plaintext2html

from odoo.addons.crm_ortho_onboarding.models.clinic_tools import normalize_email
from odoo.addons.website.controllers.form import WebsiteForm

from ..models.clinic_capture_log import contact_hash
from ..models.crm_lead import CONTROL_RE
from .lead_form import form_rate_limited

_logger = logging.getLogger(__name__)

# Form builder field -> capture field. Nothing else a visitor sends is a lead field.
CAPTURE_FIELDS = {"email_from": "email", "phone": "phone", "description": "message"}
# Plain text kept as typed: the subject becomes the lead's title, the company its own.
TEXT_FIELDS = {"name": 100, "partner_name": 100}
# Form builder machinery, not the visitor's data.
SKIPPED = {
    "model_name",
    "csrf_token",
    "context",
    "website_form_signature",
    "recaptcha_token_response",
    "turnstile_captcha",
}
# Labels of the capture fields in the form builder's names (error answers).
FORM_NAMES = {"firstName": "contact_name", "lastName": "contact_name", "email": "email_from"}


class ClinicWebsiteForm(WebsiteForm):
    @http.route()
    def website_form(self, model_name, **kwargs):
        if model_name != "crm.lead":
            return super().website_form(model_name, **kwargs)
        form_model = (
            request.env["ir.model"]
            .sudo()
            .search([("model", "=", "crm.lead"), ("website_form_access", "=", True)], limit=1)
        )
        if not form_model:
            return super().website_form(model_name, **kwargs)
        # The form builder's own CSRF rule: checked for signed-in visitors only.
        csrf_token = request.params.pop("csrf_token", None)
        if request.session.uid and not request.validate_csrf(csrf_token):
            raise BadRequest("Session expired (invalid CSRF token)")
        return self._clinic_capture_form(dict(request.params))

    def _clinic_capture_form(self, params):
        env = request.env
        log = env["clinic.capture.log"].sudo()
        lead_model = env["crm.lead"].sudo()
        payload, extra_vals, files, custom = self._clinic_form_payload(params)
        email = normalize_email(payload.get("email")) if payload.get("email") else None
        log_vals = {
            "channel": "form",
            "ip": (request.httprequest.remote_addr or "")[:64],
            "http_method": "POST",
            "company_id": env.company.id,
            "email_hash": contact_hash(email),
        }
        if form_rate_limited(log, log_vals["ip"], email):
            log.create(dict(log_vals, result="rate_limited", status_code=429))
            message = env._("Too many requests; please try again later or call us.")
            return request.make_json_response({"error": message}, status=429)
        extra = []
        if files:
            lead_model._clinic_capture_warn(
                extra,
                "files",
                env._("files are not accepted on this form; they were not kept."),
                ", ".join(files)[:500],
            )
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
            return request.make_json_response(
                {
                    "error": " ".join(e["message"] for e in errors),
                    "error_fields": sorted(
                        {FORM_NAMES.get(e["field"], e["field"]) for e in errors if e["field"]}
                    ),
                },
                status=400,
            )
        vals.update(extra_vals)
        if custom:
            # Fields the form builder added that are no lead field: kept as text (escaped),
            # the way Odoo's form keeps them ("Other information").
            note = "\n".join([env._("Other information:"), *custom])
            vals["description"] = (vals.get("description") or "") + plaintext2html(note)
        partner = self._clinic_form_partner(vals)
        if partner:
            vals["partner_id"] = partner.id
        try:
            with env.cr.savepoint():
                outcome = lead_model._clinic_capture_submit(vals, "web")
                env.flush_all()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # Odoo replays the request on a fresh snapshot
        except ConcurrencyError:
            raise
        except (ValidationError, UserError) as exc:
            errors = lead_model._clinic_capture_error_messages(exc)
            log.create(dict(log_vals, result="invalid", status_code=400))
            return request.make_json_response({"error": errors[0]["message"]}, status=400)
        except Exception:
            _logger.exception("Website builder lead form failed")
            errors = lead_model._clinic_capture_error_messages(None)
            log.create(dict(log_vals, result="error", status_code=400))
            return request.make_json_response({"error": errors[0]["message"]}, status=400)
        log._clinic_log_accepted(log_vals, outcome, warnings, 201)
        # The form's script only needs a truthy "id": a fresh receipt, neither the database
        # id nor the lead's reference (which would tell a repeat from a new person).
        return request.make_json_response({"id": outcome["receipt"]})

    def _clinic_form_payload(self, params):
        """``(payload, extra_vals, file names, custom lines)`` from the builder's post."""
        lead_fields = request.env["crm.lead"]._fields
        payload = {"leadtype": "Patient"}
        extra_vals, files, custom = {}, [], []
        for name, value in params.items():
            if name in SKIPPED:
                continue
            if hasattr(value, "filename"):
                files.append(str(value.filename or name)[:100])
                continue
            if not isinstance(value, str):
                continue
            if name == "contact_name":
                first, _space, last = value.strip().partition(" ")
                payload["firstName"], payload["lastName"] = first, last.strip()
            elif name in CAPTURE_FIELDS:
                payload[CAPTURE_FIELDS[name]] = value
            elif name in TEXT_FIELDS:
                text = value.strip()[: TEXT_FIELDS[name]]
                if text and not CONTROL_RE.search(text):
                    extra_vals[name] = text
            elif name in lead_fields:
                # Owner, pipeline, stage, company, partner, probability, priority,
                # scores, statuses…: never the visitor's to set.
                continue
            elif not CONTROL_RE.search(name + value):
                custom.append(f"{name[:100]}: {value[:1000]}")
        # The visit's UTM (Odoo's cookies), like the clinic's own forms.
        cookies = request.httprequest.cookies
        for url_param, _field, cookie in request.env["utm.mixin"].tracking_fields():
            if cookies.get(cookie):
                payload[url_param] = cookies[cookie][:100]
        return payload, extra_vals, files, custom

    def _clinic_form_partner(self, vals):
        """A signed-in visitor sending their own e-mail is their own contact (as Odoo's
        form does); the post itself never names a partner."""
        user = request.env.user
        partner = user.partner_id
        if user._is_public() or not vals.get("email_from"):
            return None
        if partner.email_normalized != vals["email_from"]:
            return None
        phone = vals.get("phone")
        if phone and partner.phone and phone not in (partner.phone, partner.phone_sanitized):
            return None
        return partner.sudo()
