# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.crm_ortho_onboarding.tests.common import ClinicRolesCommon

# What an orthodontic clinic must not meet when it installs the core and this addon only:
# the therapy and recruiting tabs, and the capacity-matching button.
THERAPY_MARKS = (
    '<page string="Authorizations"',
    '<page string="Opportunity Info"',
    '<page string="Conditions',
    '<page string="Application"',
    '<page string="Recruiting"',
    '<page string="Files"',
    'string="Capacity Matches"',
)


@tagged("post_install", "-at_install", "clinic_alone")
class TestOrthodonticClinicAlone(ClinicRolesCommon):
    """The core and orthodontic treatment alone show no ABA or recruiting feature.

    Tagged ``clinic_alone``: ./clinic test runs it where this addon is installed with its
    dependencies only, and leaves it out of the whole clinic, where crm_clinic_therapy
    and crm_clinic_recruiting add those features back (their own tests show them).
    """

    def test_no_aba_or_recruiting_pipeline(self):
        teams = self.env["crm.team"].search([])
        self.assertIn("ortho", teams.mapped("clinic_pipeline_type"))
        self.assertFalse(
            teams.filtered(lambda t: t.clinic_pipeline_type in ("aba", "practitioner")),
            "an orthodontic clinic gets no ABA or recruiting pipeline",
        )

    def test_no_aba_or_recruiting_menu(self):
        root = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_root")
        coordinator = self.users["treatment_coordinator"]
        menus = (
            self.env["ir.ui.menu"]
            .with_user(coordinator)
            .search([("id", "child_of", root.id)])
            ._filter_visible_menus()
        )
        names = " | ".join(menus.mapped("complete_name"))
        self.assertIn("Pipelines", names)
        for word in ("ABA", "Recruiting", "Authorizations", "Intake Stream"):
            self.assertNotIn(word, names)

    def test_patient_lead_form_has_no_therapy_tab_or_button(self):
        lead = self.env["crm.lead"].create(
            {
                "clinic_first_name": "Mia",
                "clinic_last_name": "Ortho",
                "team_id": self.env.ref("crm_ortho_onboarding.crm_team_clinic_ortho").id,
            }
        )
        coordinator = self.users["treatment_coordinator"]
        arch = lead.with_user(coordinator).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('<page string="Clinic"', arch)
        for mark in THERAPY_MARKS:
            self.assertNotIn(mark, arch)
