# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ClinicRolesCommon

JOB_BOARDS = ("utm.utm_source_monster", "utm.utm_source_glassdoor")


@tagged("post_install", "-at_install", "clinic_leads")
class TestNewLeadInClinicWords(ClinicRolesCommon):
    """New lead, in clinic words (issue 23, item 7): what the quick create and the
    form ask, a derived title, Qualify and Disqualify dialogs, configuration menus,
    and a patient record without the sales fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["treatment_coordinator"]
        cls.sales_team = cls.env["crm.team"].create({"name": "Corporate sales"})

    def _arch(self, model, view_type, view_id=False):
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_quick_create_asks_what_a_clinic_needs(self):
        kanban = self.env.ref("crm_ortho_onboarding.crm_lead_view_kanban_clinic")
        arch = self._arch("crm.lead", "kanban", kanban.id)
        quick = self.env.ref(arch.get("quick_create_view"))
        self.assertEqual(
            quick, self.env.ref("crm_ortho_onboarding.crm_lead_view_form_quick_create_clinic")
        )
        form = self._arch("crm.lead", "form", quick.id)
        visible = {
            node.get("name")
            for node in form.iter("field")
            if node.get("invisible") not in ("1", "True")
        }
        self.assertLessEqual(
            {
                "clinic_first_name",
                "clinic_last_name",
                "clinic_birthdate",
                "clinic_contact_first_name",
                "clinic_contact_last_name",
                "clinic_contact_relation",
                "phone",
                "email_from",
                "clinic_concern",
                "team_id",
            },
            visible,
        )
        asked = {node.get("name") for node in form.iter("field")}
        for sales_field in ("name", "partner_name", "website", "function", "commercial_partner_id"):
            self.assertTrue(sales_field not in asked or sales_field not in visible, sales_field)

    def test_quick_created_lead_gets_its_title_from_the_patient(self):
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        form = Form(
            Lead.with_context(default_team_id=self.ortho_team.id, default_type="opportunity"),
            view="crm_ortho_onboarding.crm_lead_view_form_quick_create_clinic",
        )
        form.clinic_first_name = "Emma"
        form.clinic_last_name = "Smith"
        form.clinic_contact_first_name = "Laura"
        form.clinic_contact_last_name = "Smith"
        form.clinic_contact_relation = "parent"
        form.phone = "(303) 555-0177"
        form.clinic_concern = "crowding"
        lead = form.save()
        self.assertEqual(lead.name, "Emma Smith – Crowding")
        self.assertEqual(lead.contact_name, "Laura Smith")
        # The title follows the person when the name is corrected.
        lead.clinic_last_name = "Smyth"
        self.assertEqual(lead.name, "Emma Smyth – Crowding")

    def test_the_title_is_derived_never_asked(self):
        lead = self.env["crm.lead"].create(
            {
                "clinic_lead_type": "practitioner",
                "clinic_first_name": "Nina",
                "clinic_last_name": "Patel",
                "clinic_practitioner_role_id": self.env.ref(
                    "crm_ortho_onboarding.clinic_practitioner_role_bcba"
                ).id,
            }
        )
        self.assertEqual(lead.name, f"Nina Patel – {lead.clinic_practitioner_role_id.name}")
        nobody = self.env["crm.lead"].create({"phone": "(303) 555-0188", "team_id": False})
        self.assertEqual(nobody.name, "+13035550188", "without a person yet: who wrote in")
        form = Form(self.lead.with_user(self.coordinator))
        self.assertTrue(form._get_modifier("name", "readonly"), "the title is shown, not asked")
        # Leads of Odoo's own sales teams keep the title their salesperson typed.
        sale = self.env["crm.lead"].create(
            {"name": "Office chairs", "team_id": self.sales_team.id, "clinic_first_name": "Al"}
        )
        sale.clinic_last_name = "Brown"
        self.assertEqual(sale.name, "Office chairs")

    def test_qualify_dialog_speaks_clinic(self):
        action = self.lead.with_user(self.coordinator).action_clinic_qualify()
        self.assertEqual(action["name"], "Qualify")
        [(view_id, _type)] = action["views"]
        arch = self._arch("crm.lead2opportunity.partner", "form", view_id)
        self.assertEqual(
            arch.xpath("//field[@name='clinic_stage_id']")[0].get("string"), "Qualify to stage…"
        )
        self.assertEqual(arch.xpath("//button[@name='action_apply']")[0].get("string"), "Qualify")
        # Odoo's "Create a new customer / Company" block is not shown.
        self.assertEqual(arch.xpath("//div[@name='action']")[0].get("invisible"), "True")

    def _disqualify(self, leads, reason):
        action = leads[:1].with_user(self.coordinator).action_clinic_disqualify()
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.coordinator)
            .with_context(**action["context"])
            .create({"lead_ids": [(6, 0, leads.ids)], "lost_reason_id": reason.id})
        )
        return wizard, action

    def _offered(self, wizard):
        """The reasons the dialog offers (the view's domain on the reason)."""
        view = self.env.ref("crm_ortho_onboarding.crm_lead_lost_view_form_clinic")
        arch = self._arch("crm.lead.lost", "form", view.id)
        domain = arch.xpath("//field[@name='lost_reason_id']")[0].get("domain")
        domain = safe_eval(domain, {"clinic_reason_scope": wizard.clinic_reason_scope})
        return self.env["crm.lost.reason"].search(domain)

    def test_disqualify_offers_the_reasons_of_the_lead_type(self):
        patient_reason = self.env.ref("crm_ortho_onboarding.crm_lost_reason_clinic_no_insurance")
        any_reason = self.env.ref("crm_ortho_onboarding.crm_lost_reason_clinic_unreachable")
        stock = self.env.ref("crm.lost_reason_3")
        practitioner_reason = self.env["crm.lost.reason"].create(
            {"name": "License not verified", "clinic_reason_for": "practitioner"}
        )
        wizard, action = self._disqualify(self.lead, patient_reason)
        self.assertEqual(action["name"], "Disqualify")
        self.assertEqual(wizard.clinic_reason_scope, "patient")
        offered = self._offered(wizard)
        self.assertIn(patient_reason, offered)
        self.assertIn(any_reason, offered)
        self.assertNotIn(stock, offered, "no 'Not enough stock' for a patient")
        self.assertNotIn(practitioner_reason, offered)
        with self.assertRaisesRegex(UserError, "not a reason to disqualify"):
            wizard.lost_reason_id = practitioner_reason
            wizard.action_lost_reason_apply()
        wizard.lost_reason_id = patient_reason
        wizard.action_lost_reason_apply()
        self.assertEqual(self.lead.lost_reason_id, patient_reason)
        applicant = self.env["crm.lead"].create(
            {"clinic_lead_type": "practitioner", "clinic_first_name": "Omar"}
        )
        wizard, _action = self._disqualify(applicant, practitioner_reason)
        offered = self._offered(wizard)
        self.assertIn(practitioner_reason, offered)
        self.assertNotIn(patient_reason, offered)
        # Odoo's sales teams keep Odoo's reasons.
        sale = self.env["crm.lead"].create({"name": "Chairs", "team_id": self.sales_team.id})
        wizard, _action = self._disqualify(sale, stock)
        self.assertFalse(wizard.clinic_reason_scope)
        self.assertIn(stock, self._offered(wizard))

    def test_configuration_says_pipelines_and_coordinators(self):
        config = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config")
        menus = config.with_user(self.users["clinic_admin"]).child_id
        self.assertIn("Pipelines & Locations", menus.mapped("name"))
        self.assertIn("Coordinators", menus.mapped("name"))
        pipelines = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config_pipelines").action
        self.assertEqual(pipelines.name, "Pipelines & Locations")
        form_view = pipelines.view_ids.filtered(lambda v: v.view_mode == "form").view_id
        arch = etree.tostring(self._arch("crm.team", "form", form_view.id), encoding="unicode")
        self.assertIn("Add Coordinators", arch)
        self.assertNotIn("Sales Team", arch)
        coordinators = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config_coordinators")
        self.assertEqual(coordinators.action.name, "Coordinators")
        self.assertEqual(coordinators.action.res_model, "crm.team.member")

    def test_apps_menu_is_not_offered_to_clinic_staff(self):
        """Odoo's Apps menu ("Request Access: Restaurant"…) is for system administrators."""
        apps = self.env.ref("base.menu_management")
        Menu = self.env["ir.ui.menu"]
        for role in ("front_desk", "treatment_coordinator", "clinic_admin", "read_only"):
            with self.subTest(role=role):
                self.assertNotIn(apps.id, Menu.with_user(self.users[role])._visible_menu_ids())
        self.assertIn(apps.id, Menu.with_user(self.users["super_admin"])._visible_menu_ids())

    def test_patient_record_hides_the_sales_fields(self):
        arch = self._arch("res.partner", "form")

        def hidden(xpath, **values):
            node = arch.xpath(xpath)[0]
            return bool(
                safe_eval(
                    node.get("invisible") or "False",
                    {
                        "is_company": False,
                        "parent_id": False,
                        "company_name": False,
                        **values,
                    },
                )
            )

        for xpath in (
            "//field[@name='company_type']",
            "//sheet/group//field[@name='parent_id']",
            "//sheet/group//field[@name='function']",
            "//sheet/group//field[@name='vat']",
            "//page[@name='sales_purchases']",
        ):
            with self.subTest(xpath=xpath):
                self.assertTrue(hidden(xpath, clinic_is_patient=True))
                self.assertFalse(hidden(xpath, clinic_is_patient=False))
        # The clinic's tab is there for patients.
        self.assertTrue(arch.xpath("//page[@name='clinic_patient']"))

    def test_job_boards_are_not_sources_of_patient_leads(self):
        arch = self._arch("crm.lead", "form")
        sources = arch.xpath("//sheet//field[@name='source_id']")
        self.assertTrue(sources)
        boards = self.env["utm.source"]
        for xmlid in JOB_BOARDS:
            boards |= self.env.ref(xmlid)
        for lead_type, offered in (("patient", False), ("practitioner", True)):
            for node in sources:
                domain = safe_eval(
                    node.get("domain") or "[]",
                    {
                        "clinic_lead_type": lead_type,
                        "team_id": self.ortho_team.id,
                        "clinic_pipeline_type": "ortho",
                    },
                )
                found = self.env["utm.source"].search(domain)
                with self.subTest(lead_type=lead_type):
                    self.assertEqual(bool(found & boards), offered)
                    self.assertIn(
                        self.env.ref("crm_ortho_onboarding.utm_source_clinic_google_search"), found
                    )

    def test_clinic_lead_shows_its_score_not_odoo_probability(self):
        """Odoo's predictive probability beside the clinic's score read as two scores of
        one lead: hidden on clinic leads, kept for an ordinary sales team's."""
        # The combined arch: get_views drops the groups attribute the xpath relies on.
        arch = etree.fromstring(self.env.ref("crm.crm_lead_view_form").get_combined_arch())
        probability = arch.xpath("//label[@for='probability']/..")[0]
        at = arch.xpath("//span[@groups='!crm.group_use_recurring_revenues']")[0]
        for node in (probability, at):
            for values, hidden in (
                ({"team_id": self.ortho_team.id, "clinic_pipeline_type": "ortho"}, True),
                ({"team_id": False, "clinic_pipeline_type": False}, True),
                ({"team_id": self.sales_team.id, "clinic_pipeline_type": False}, False),
            ):
                with self.subTest(node=node.tag, values=values):
                    self.assertEqual(
                        bool(safe_eval(node.get("invisible") or "False", values)), hidden
                    )
        self.assertTrue(arch.xpath("//field[@name='clinic_score']"))

    def test_tags_placeholder_speaks_of_a_clinic(self):
        arch = self._arch("res.partner", "form")
        tags = arch.xpath("//sheet/group//field[@name='category_id']")[0]
        self.assertNotIn("B2B", tags.get("placeholder"))
