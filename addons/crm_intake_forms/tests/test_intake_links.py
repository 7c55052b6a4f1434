# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeLinks(IntakeCommon, HttpCase):
    """Intake links expire (30 days after the due date by default) and can be sent
    again; a completed form's answers need the patient's birthdate, a check that is
    rate-limited; every expiry and refusal is on the request's chatter."""

    def _packet_url(self, request):
        return f"/intake/{request.sudo().packet_token}"

    def _form_url(self, request):
        return f"/my/intake/{request.id}?access_token={request.sudo().access_token}"

    def _expire(self, request):
        request.sudo().date_link_expiry = fields.Date.today() - timedelta(days=1)

    def _verify(self, request, birthdate):
        return self.url_open(
            f"/my/intake/{request.id}/verify",
            data={
                "access_token": request.sudo().access_token,
                "birthdate": fields.Date.to_string(birthdate),
                "csrf_token": self.csrf_token(),
            },
            allow_redirects=False,
        )

    def _logged(self, request, text):
        return request.message_ids.filtered(lambda m: text in (m.body or ""))

    def csrf_token(self):
        # A public visitor's page gives the form its token; fetch one the same way.
        page = self.url_open("/web/login")
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    # -- expiry --------------------------------------------------------------------------

    def test_link_expires_thirty_days_after_the_due_date(self):
        request = self._make_request(self.medical, self.adult)
        self.assertEqual(request.date_link_expiry, request.date_due + timedelta(days=30))
        deadline = request.sudo().user_input_id.deadline
        self.assertEqual(deadline.date(), request.date_link_expiry + timedelta(days=1))
        self.assertEqual(self.url_open(self._packet_url(request)).status_code, 200)
        self._expire(request)
        packet = self.url_open(self._packet_url(request))
        self.assertEqual(packet.status_code, 403)
        self.assertIn("expired", packet.text)
        self.assertNotIn(self.medical.title, packet.text)
        form = self.url_open(self._form_url(request), allow_redirects=False)
        self.assertEqual(form.status_code, 403)
        self.assertTrue(self._logged(request, "Expired intake link refused"))
        # The daily job notes the expiry once.
        Request = self.env["clinic.intake.request"]
        self.assertEqual(Request._cron_expire_links(), 1)
        self.assertTrue(self._logged(request, "expired on"))
        self.assertEqual(Request._cron_expire_links(), 0)

    def test_validity_is_a_setting(self):
        settings = self.env["res.config.settings"].create({"clinic_intake_link_days": 10})
        settings.execute()
        request = self._make_request(self.medical, self.adult)
        self.assertEqual(request.date_link_expiry, request.date_due + timedelta(days=10))

    def test_sending_again_gives_a_new_working_link(self):
        request = self._make_request(self.medical, self.adult)
        old_packet, old_form = self._packet_url(request), self._form_url(request)
        self._expire(request)
        request.action_send()
        self.assertGreater(request.date_link_expiry, fields.Date.today())
        self.assertNotEqual(self._packet_url(request), old_packet)
        self.assertEqual(self.url_open(old_packet).status_code, 404)
        self.assertEqual(self.url_open(old_form, allow_redirects=False).status_code, 404)
        self.assertEqual(self.url_open(self._packet_url(request)).status_code, 200)
        started = self.url_open(self._form_url(request), allow_redirects=False)
        self.assertEqual(started.status_code, 303)
        self.assertIn("/survey/start/", started.headers["Location"])

    # -- answers of a completed form --------------------------------------------------------

    def _completed(self):
        request = self._make_request(self.medical, self.adult)
        user_input = self._answer(
            request, {"has_allergies": "Yes", "allergies": "Latex and penicillin"}
        )
        return request, user_input

    def test_completed_answers_are_shown_only_after_the_birthdate(self):
        request, user_input = self._completed()
        page = self.url_open(self._form_url(request), allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_clinic_intake_verify", page.text)
        self.assertNotIn("penicillin", page.text)
        # Odoo's own print page of the answer, by its answer token, is closed too.
        direct = self.url_open(user_input.get_print_url(), allow_redirects=False)
        self.assertEqual(direct.status_code, 303)
        self.assertIn(f"/my/intake/{request.id}", direct.headers["Location"])
        wrong = self._verify(request, self.adult.clinic_birthdate - timedelta(days=1))
        self.assertEqual(wrong.status_code, 403)
        self.assertNotIn("penicillin", wrong.text)
        self.assertTrue(self._logged(request, "wrong date of birth"))
        right = self._verify(request, self.adult.clinic_birthdate)
        self.assertEqual(right.status_code, 303)
        answers = self.url_open(right.headers["Location"])
        self.assertEqual(answers.status_code, 200)
        self.assertIn("penicillin", answers.text)
        self.assertTrue(self._logged(request, "date of birth was confirmed"))

    def test_birthdate_check_is_rate_limited(self):
        request, _user_input = self._completed()
        wrong_date = self.adult.clinic_birthdate - relativedelta(years=1)
        statuses = [self._verify(request, wrong_date).status_code for _attempt in range(5)]
        self.assertEqual(statuses, [403, 403, 403, 403, 429])
        # Locked: even the right date is refused now, and the refusal is logged.
        locked = self._verify(request, self.adult.clinic_birthdate)
        self.assertEqual(locked.status_code, 429)
        self.assertNotIn("penicillin", locked.text)
        self.assertTrue(self._logged(request, "too many wrong birthdates"))
