# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import time

from odoo import http, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.survey.controllers.main import Survey

# Session key: {request id: time until which its answers may be shown} after the family
# confirmed the patient's date of birth.
VERIFIED_KEY = "clinic_intake_dob_verified"
VERIFIED_SECONDS = 15 * 60


def intake_answers_verified(intake_id):
    verified = request.session.get(VERIFIED_KEY) or {}
    return verified.get(str(intake_id), 0) > time.time()


class IntakePortal(CustomerPortal):
    """The patient's or guardian's intake pages; the forms themselves are survey pages."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "intake_count" in counters:
            values["intake_count"] = request.env["clinic.intake.request"].search_count(
                self._intake_domain()
            )
        return values

    def _intake_domain(self):
        partner = request.env.user.partner_id
        return [
            "|",
            ("recipient_id", "=", partner.id),
            ("patient_id", "=", partner.id),
            ("state", "!=", "cancel"),
        ]

    def _intake_render_list(self, requests_sudo, token_access):
        values = self._prepare_portal_layout_values()
        requests_sudo = requests_sudo._clinic_packet_sorted()
        next_request = requests_sudo.filtered(
            lambda r: r.state in ("draft", "sent", "in_progress")
        )[:1]
        values.update(
            {
                "page_name": "intake",
                "intake_requests": requests_sudo,
                "token_access": token_access,
                "done_count": len(requests_sudo.filtered(lambda r: r.state == "done")),
                "next_request": next_request,
            }
        )
        return request.render("crm_intake_forms.portal_my_intake", values)

    @http.route(["/my/intake"], type="http", auth="user", website=True)
    def portal_my_intake(self, **kw):
        """The logged-in patient's or guardian's forms (record rules limit them too)."""
        requests = request.env["clinic.intake.request"].search(
            self._intake_domain(), order="date_due, id"
        )
        return self._intake_render_list(requests.sudo(), token_access=False)

    @http.route(["/intake/<string:packet_token>"], type="http", auth="public", website=True)
    def portal_intake_packet(self, packet_token, **kw):
        """The link sent by e-mail: every form of one sending, without logging in."""
        # Real tokens are printable ASCII; anything else (a NUL byte would even make
        # PostgreSQL refuse the query) is simply not found.
        if len(packet_token) < 24 or not (packet_token.isascii() and packet_token.isprintable()):
            raise request.not_found()
        # sudo: the secret packet token, matched exactly, is the authorisation here.
        requests_sudo = (
            request.env["clinic.intake.request"]
            .sudo()
            .search([("packet_token", "=", packet_token), ("state", "!=", "cancel")])
        )
        if not requests_sudo:
            raise request.not_found()
        if all(intake._clinic_link_expired() for intake in requests_sudo):
            requests_sudo._clinic_log_link_event(request.env._("Expired intake link refused."))
            return self._intake_render_expired(requests_sudo[0])
        return self._intake_render_list(requests_sudo, token_access=True)

    def _intake_render_expired(self, request_sudo):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "intake", "intake": request_sudo})
        return request.render("crm_intake_forms.portal_intake_link_expired", values, status=403)

    def _intake_render_verify(self, request_sudo, access_token, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "intake",
                "intake": request_sudo,
                "access_token": access_token or "",
                "error": error,
            }
        )
        status = {"wrong": 403, "locked": 429}.get(error, 200)
        return request.render("crm_intake_forms.portal_intake_verify", values, status=status)

    @http.route(["/my/intake/<int:request_id>"], type="http", auth="public", website=True)
    def portal_intake_form(self, request_id, access_token=None, **kw):
        """Open one form on survey's own pages, after the ownership or token check."""
        try:
            request_sudo = self._document_check_access(
                "clinic.intake.request", request_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        user_input = request_sudo.user_input_id
        if request_sudo.state in ("cancel", "expired") or not user_input:
            raise request.not_found()
        if access_token and request_sudo._clinic_link_expired():
            request_sudo._clinic_log_link_event(request.env._("Expired intake link refused."))
            return self._intake_render_expired(request_sudo)
        if request_sudo._clinic_awaiting_signature():
            # Answered and agreed: the signature is the step left.
            return request.redirect(
                request_sudo._clinic_packet_status(token_access=bool(access_token))["sign_url"]
            )
        if request_sudo.state == "done":
            # The answers are PHI: shown only once the patient's birthdate is confirmed.
            if intake_answers_verified(request_sudo.id):
                return request.redirect(user_input.get_print_url())
            return self._intake_render_verify(request_sudo, access_token)
        return request.redirect(user_input.get_start_url())

    @http.route(
        ["/my/intake/<int:request_id>/verify"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_intake_verify(self, request_id, access_token=None, birthdate=None, **kw):
        """Show a completed form's answers once the patient's birthdate is confirmed."""
        try:
            request_sudo = self._document_check_access(
                "clinic.intake.request", request_id, access_token or None
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        if request_sudo.state != "done" or not request_sudo.user_input_id:
            raise request.not_found()
        if access_token and request_sudo._clinic_link_expired():
            request_sudo._clinic_log_link_event(request.env._("Expired intake link refused."))
            return self._intake_render_expired(request_sudo)
        outcome = request_sudo._clinic_check_birthdate(birthdate)
        if outcome != "ok":
            return self._intake_render_verify(request_sudo, access_token, error=outcome)
        verified = dict(request.session.get(VERIFIED_KEY) or {})
        verified[str(request_sudo.id)] = time.time() + VERIFIED_SECONDS
        request.session[VERIFIED_KEY] = verified
        return request.redirect(request_sudo.user_input_id.get_print_url())

    @http.route(["/my/intake/<int:request_id>/sign"], type="http", auth="public", website=True)
    def portal_intake_sign(self, request_id, access_token=None, **kw):
        """The last step of a consent: the signer's name and drawn signature (Odoo's
        portal signature widget)."""
        try:
            request_sudo = self._document_check_access(
                "clinic.intake.request", request_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        if access_token and request_sudo._clinic_link_expired():
            request_sudo._clinic_log_link_event(request.env._("Expired intake link refused."))
            return self._intake_render_expired(request_sudo)
        consent_sudo = request_sudo._clinic_consent_to_draw()
        if not (request_sudo._clinic_awaiting_signature() or consent_sudo):
            raise request.not_found()
        answers = request_sudo._clinic_mapped_answers()
        relation = request.env["clinic.consent"]._clinic_relation_from_label(
            answers.get("signer_relation")
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "intake",
                "intake": request_sudo,
                "consent": consent_sudo,
                "signer_name": consent_sudo.signature_name or request_sudo.recipient_id.name,
                "signer_relation": dict(
                    request.env["clinic.consent"]._fields["signer_relation"].selection
                ).get(relation or consent_sudo.signer_relation, ""),
                "packet": request_sudo._clinic_packet_status(token_access=bool(access_token)),
                "call_url": f"/my/intake/{request_sudo.id}/signature"
                + (f"?access_token={access_token}" if access_token else ""),
            }
        )
        return request.render("crm_intake_forms.portal_intake_sign", values)

    @http.route(["/my/intake/<int:request_id>/signature"], type="jsonrpc", auth="public")
    def portal_intake_signature(self, request_id, access_token=None, name=None, signature=None):
        """Store the drawn signature, after the token/ownership check: it completes the
        consent. Then back to the family's forms, with their progress."""
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            request_sudo = self._document_check_access(
                "clinic.intake.request", request_id, access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("This form is not available.")}
        if access_token and request_sudo._clinic_link_expired():
            return {"error": request.env._("This link has expired.")}
        consent_sudo = request_sudo._clinic_consent_to_draw()
        try:
            # All or nothing: a signature that cannot be read leaves the consent open.
            with request.env.cr.savepoint():
                if request_sudo._clinic_awaiting_signature():
                    request_sudo._clinic_sign(name, signature)
                elif consent_sudo:
                    consent_sudo._clinic_add_drawn_signature(name, signature)
                else:
                    return {"error": request.env._("There is nothing left to sign on this form.")}
        except (UserError, TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read; please try again.")}
        status = request_sudo._clinic_packet_status(token_access=bool(access_token))
        return {"force_refresh": True, "redirect_url": status["packet_url"]}


class IntakeSurvey(Survey):
    """Odoo's survey pages of a completed intake form (its answers, by answer token) are
    shown to the family only after the birthdate check of ``/my/intake/<id>``."""

    def _check_validity(
        self, survey_sudo, answer_sudo, answer_token, ensure_token=True, check_partner=True
    ):
        result = super()._check_validity(
            survey_sudo,
            answer_sudo,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
        if answer_sudo and answer_sudo.state == "done" and not request.env.user._is_internal():
            intake = answer_sudo.sudo().clinic_request_ids[:1]
            if intake and not intake_answers_verified(intake.id):
                return "clinic_intake_verify"
        return result

    @http.route()
    def survey_submit(self, survey_token, answer_token, **post):
        """An intake page: what the family does not answer is replaced by the packet's
        and the patient's values, whatever was posted; dates are checked against the
        birth date and "none" must be chosen alone."""
        access_data = self._get_access_data(survey_token, answer_token, ensure_token=True)
        answer_sudo = access_data["answer_sudo"]
        intake = answer_sudo.sudo().clinic_request_ids[:1] if answer_sudo else False
        if access_data["validity_code"] is True and intake and answer_sudo.state != "done":
            try:
                questions, _page_id = access_data["survey_sudo"]._get_survey_questions(
                    answer=answer_sudo,
                    page_id=post.get("page_id"),
                    question_id=post.get("question_id"),
                )
            except (ValueError, TypeError):
                questions = None
            if questions:
                errors = intake._clinic_check_page(questions, post)
                if errors:
                    return {}, {"error": "validation", "fields": errors}
        return super().survey_submit(survey_token, answer_token, **post)

    def _prepare_survey_data(self, survey_sudo, answer_sudo, **post):
        data = super()._prepare_survey_data(survey_sudo, answer_sudo, **post)
        intake = (
            answer_sudo.sudo().clinic_request_ids[:1]
            if answer_sudo and survey_sudo.clinic_is_intake
            else False
        )
        if intake:
            locked = intake._clinic_locked_answers()
            data["clinic_locked"] = {
                question.id: (
                    value.value
                    if isinstance(value, models.BaseModel)
                    else format_date(request.env, value)
                    if question.question_type == "date"
                    else value
                )
                for question, value in locked.items()
            }
            data["clinic_by_guardian"] = intake.recipient_id != intake.patient_id
        return data

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        """An intake form is answered once per request: no "Take Again", back to the
        family's forms instead."""
        survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo and survey_sudo.clinic_is_intake:
            intake = answer_sudo.sudo().clinic_request_ids[:1] if answer_sudo else False
            if not intake:
                raise request.not_found()
            return request.redirect(intake._clinic_packet_status()["packet_url"])
        return super().survey_retry(survey_token, answer_token, **post)

    def _redirect_with_error(self, access_data, error_key):
        if error_key == "clinic_intake_verify":
            intake = access_data["answer_sudo"].sudo().clinic_request_ids[:1]
            return request.redirect(
                f"/my/intake/{intake.id}?access_token={intake.sudo().access_token}"
            )
        return super()._redirect_with_error(access_data, error_key)
