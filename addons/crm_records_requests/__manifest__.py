# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Medical Records Requests",
    "summary": "Incoming and outgoing records requests with legal deadlines and fees",
    "version": "19.0.1.2.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding", "portal", "resource"],
    # OCR of scanned records; the Tesseract and poppler programs come from apt.
    "external_dependencies": {"python": ["pytesseract", "pdf2image"]},
    "data": [
        "security/crm_records_requests_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/clinic_records_type_data.xml",
        "data/clinic_records_jurisdiction_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/clinic_records_request_views.xml",
        "views/clinic_records_document_views.xml",
        "views/clinic_records_jurisdiction_views.xml",
        "views/clinic_records_type_views.xml",
        "views/clinic_ocr_document_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/clinic_records_release_templates.xml",
        "report/clinic_records_request_reports.xml",
        "report/clinic_records_request_templates.xml",
        "views/crm_records_requests_menus.xml",
    ],
    "demo": [
        "demo/clinic_records_request_demo.xml",
        "demo/clinic_ocr_document_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_records_requests/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
