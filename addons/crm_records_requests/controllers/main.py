# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class RecordsReleaseController(http.Controller):
    """Download of released records by the requester, with the link's token only."""

    def _get_released_request(self, request_id, access_token):
        """The request and ``ok``/``expired``, or a refusal to return as the response.

        Refusals are returned, not raised: a raised error would roll back the throttle's
        count and the chatter entry that audits the refusal.
        """
        # sudo: the visitor is public or a portal user; the token checked right
        # after is the credential, on this one request only.
        records_request = request.env["clinic.records.request"].sudo().browse(request_id).exists()
        address = request.httprequest.remote_addr
        # Every request counts, valid or not: guessing tokens is throttled too.
        if request.env["clinic.records.release.hit"].sudo()._clinic_throttled(address, request_id):
            if records_request:
                records_request._log_release_refusal(
                    request.env._("too many requests from this address"), address
                )
            return records_request, request.make_response("Too many requests", status=429)
        status = records_request._release_status(access_token) if records_request else "invalid"
        if status == "invalid":
            return records_request, request.make_response("Not found", status=404)
        return records_request, status

    # website=True: the page uses the portal layout, which the website module extends.
    @http.route(
        "/records/release/<int:request_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
    )
    def records_release(self, request_id, access_token=None, **kwargs):
        records_request, status = self._get_released_request(request_id, access_token)
        if not isinstance(status, str):
            return status
        if status == "expired":
            records_request._log_release_refusal(
                request.env._("the link has expired"), request.httprequest.remote_addr
            )
        values = {
            "records_request": records_request,
            "documents": records_request.document_ids if status == "ok" else [],
            "access_token": access_token,
            "expired": status == "expired",
            "downloads_left": records_request._release_downloads_left,
        }
        return request.render(
            "crm_records_requests.records_release_page",
            values,
            status=403 if status == "expired" else 200,
        )

    @http.route(
        "/records/release/<int:request_id>/<int:document_id>",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def records_release_download(self, request_id, document_id, access_token=None, **kwargs):
        records_request, status = self._get_released_request(request_id, access_token)
        if not isinstance(status, str):
            return status
        # Only a document of this very request: the id in the URL is never trusted alone.
        document = records_request.document_ids.filtered(lambda doc: doc.id == document_id)
        if status != "ok" or not document:
            if status == "expired":
                records_request._log_release_refusal(
                    request.env._("the link has expired"), request.httprequest.remote_addr
                )
            return request.make_response("Not found", status=404)
        if not records_request._release_downloads_left(document):
            records_request._log_release_refusal(
                request.env._(
                    "“%(doc)s” was already downloaded %(count)s times",
                    doc=document.name,
                    count=records_request.company_id.clinic_records_max_downloads,
                ),
                request.httprequest.remote_addr,
            )
            # Plain text: this route serves files, outside the website's page layout.
            return request.make_response(
                request.env._(
                    "This document has been downloaded as many times as this link allows. "
                    "Please contact the clinic if you need it again."
                ),
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403,
            )
        records_request._log_download(document, remote_addr=request.httprequest.remote_addr)
        stream = request.env["ir.binary"]._get_stream_from(
            document, "file", filename=document.file_name or document.name
        )
        return stream.get_response(as_attachment=True)
