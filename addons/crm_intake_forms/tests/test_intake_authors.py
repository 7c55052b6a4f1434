# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import IntakeCommon


@tagged("post_install", "-at_install")
class TestIntakeAuthors(IntakeCommon):
    """What a family does on the portal is credited to them in the chatter."""

    def test_portal_steps_are_credited_to_the_family_member(self):
        request = self._make_request(self.medical, self.minor, recipient=self.guardian)
        public = self.env.ref("base.public_user")
        # Portal routes run as the public user, with sudo after the token check.
        request.with_user(public).sudo()._clinic_log_link_event("Expired intake link refused.")
        self.assertEqual(request.message_ids[0].author_id, self.guardian)
        request.with_user(public).sudo()._clinic_log_on_origin("Medical history completed.")
        note = self.minor.message_ids.filtered(lambda m: "Medical history" in (m.body or ""))
        self.assertEqual(note.author_id, self.guardian)
        # Staff actions stay theirs.
        request.with_user(self.users["front_desk"])._clinic_log_on_origin("Sent again.")
        note = self.minor.message_ids.filtered(lambda m: "Sent again" in (m.body or ""))
        self.assertEqual(note.author_id, self.users["front_desk"].partner_id)
