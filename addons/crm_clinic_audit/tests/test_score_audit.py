# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ScoringCommon


@tagged("post_install", "-at_install")
class TestScoreAudit(ScoringCommon):
    """The lead score is derived from audited fields: the nightly rescoring must not bury
    the trail in system rows, while a person's change to a scored field is still audited."""

    def test_nightly_rescoring_batches_writes_and_leaves_the_audit_trail_alone(self):
        """Leads with the same outcome are written together, and the derived score is not
        audited (its inputs are): the trail stays about people, not the nightly job."""
        leads = self.env["crm.lead"].browse()
        for n in range(6):
            leads |= self._lead(email_from=f"batch{n}@example.com")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET clinic_score = 0 WHERE id IN %s", [tuple(leads.ids)]
        )
        leads.invalidate_recordset()
        Log = self.env["auditlog.log"]
        logged = Log.search_count([("model_model", "=", "crm.lead"), ("res_id", "in", leads.ids)])
        Lead = type(self.env["crm.lead"])
        writes = []
        original_write = Lead.write

        def counting_write(records, vals):
            if "clinic_score" in vals:
                writes.append(len(records))
            return original_write(records, vals)

        with patch.object(Lead, "write", counting_write):
            leads._clinic_compute_score()
        self.assertEqual(leads.mapped("clinic_score"), [10] * 6)
        self.assertEqual(writes, [6], "one write for six leads with the same score")
        self.env.flush_all()
        self.assertEqual(
            Log.search_count([("model_model", "=", "crm.lead"), ("res_id", "in", leads.ids)]),
            logged,
        )
        # A change a person makes to a scored field is still audited.
        leads[0].write({"phone": "+1 312 555 0199"})
        self.assertTrue(
            Log.search(
                [
                    ("model_model", "=", "crm.lead"),
                    ("res_id", "=", leads[0].id),
                    ("method", "=", "write"),
                ]
            )
        )
