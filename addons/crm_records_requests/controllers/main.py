# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class RecordsReleaseController(http.Controller):
    """Download of released records by the requester, with the link's token only."""

    def _get_released_request(self, request_id, access_token):
        # sudo: the visitor is public or a portal user; the token checked right
        # after is the credential, on this one request only.
        records_request = request.env["clinic.records.request"].sudo().browse(request_id).exists()
        if not records_request:
            raise NotFound()
        status = records_request._release_status(access_token)
        if status == "invalid":
            raise NotFound()
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
        values = {
            "records_request": records_request,
            "documents": records_request.document_ids if status == "ok" else [],
            "access_token": access_token,
            "expired": status == "expired",
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
        if status != "ok":
            raise NotFound()
        # Only a document of this very request: the id in the URL is never trusted alone.
        document = records_request.document_ids.filtered(lambda doc: doc.id == document_id)
        if not document:
            raise NotFound()
        records_request._log_download(document, remote_addr=request.httprequest.remote_addr)
        stream = request.env["ir.binary"]._get_stream_from(
            document, "file", filename=document.file_name or document.name
        )
        return stream.get_response(as_attachment=True)
