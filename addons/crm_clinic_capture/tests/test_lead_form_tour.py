# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "clinic_tour")
class TestLeadFormTour(HttpCase):
    """In Chromium, phone-sized: a parent sends "Request a consultation"."""

    browser_size = "390x844"
    touch_enabled = True

    def test_parent_requests_a_consultation_from_a_phone(self):
        self.start_tour("/clinic/consultation", "crm_clinic_capture_consultation_form")
        lead = self.env["crm.lead"].search([("email_from", "=", "wei.chen@example.com")])
        self.assertRecordValues(
            lead,
            [
                {
                    "clinic_lead_type": "patient",
                    "clinic_first_name": "Maya",
                    "clinic_contact_first_name": "Wei",
                    "phone": "+12127365000",
                    "clinic_concern": "crowding",
                    "clinic_consent_sms": True,
                    "clinic_capture_channel": "web",
                }
            ],
        )
