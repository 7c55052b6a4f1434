# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_records_requests.tests.common import RecordsCommon


@tagged("post_install", "-at_install", "clinic_checklist")
class TestRecordsChecklist(RecordsCommon):
    """Records requested from and received from a previous provider tick the checklist."""

    def _item(self, lead, code):
        return lead.clinic_checklist_line_ids.filtered(lambda line: line.event_code == code)

    def _opportunity(self):
        self.lead.write(
            {
                "clinic_patient_id": self.patient.id,
                "type": "opportunity",
                "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
            }
        )
        self.assertTrue(self.lead.clinic_checklist_line_ids)
        return self.lead

    def _outgoing(self, **values):
        return self.Request.create(
            {
                "direction": "outgoing",
                "patient_id": self.patient.id,
                "provider_id": self.provider.id,
                **values,
            }
        )

    def test_request_sent_and_records_received_tick_the_items(self):
        lead = self._opportunity()
        request = self._outgoing(lead_id=lead.id)
        self.assertFalse(self._item(lead, "records_requested").is_done)
        request.with_user(self.users["front_desk"]).action_send_request()
        self.assertTrue(self._item(lead, "records_requested").is_done)
        self.assertFalse(self._item(lead, "records_received").is_done)
        self._add_document(request, "Prior X-rays")
        request.action_complete()
        received = self._item(lead, "records_received")
        self.assertTrue(received.is_done)
        self.assertIn("Records received", received.done_note)

    def test_request_without_lead_ticks_the_patients_opportunity(self):
        lead = self._opportunity()
        request = self._outgoing()
        request.action_send_request()
        self.assertTrue(self._item(lead, "records_requested").is_done)

    def test_records_received_before_the_checklist_count(self):
        request = self._outgoing()
        request.action_send_request()
        self._add_document(request, "Prior X-rays")
        request.action_complete()
        lead = self._opportunity()
        self.assertTrue(self._item(lead, "records_requested").is_done)
        self.assertTrue(self._item(lead, "records_received").is_done)
