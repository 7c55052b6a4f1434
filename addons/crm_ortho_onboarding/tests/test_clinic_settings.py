# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CLINIC_ROLES, ClinicRolesCommon

PAGE = "crm_ortho_onboarding.res_config_settings_view_form"


@tagged("post_install", "-at_install")
class TestClinicSettings(ClinicRolesCommon):
    """Clinic Admins keep the clinic's settings, hours and holidays, not Odoo's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.users["clinic_admin"]
        # Mon–Fri 8–12 and 13–17, in UTC so the expected times read plainly.
        cls.calendar = cls.env["resource.calendar"].create({"name": "Clinic hours", "tz": "UTC"})
        cls.env.company.resource_calendar_id = cls.calendar

    def _page(self, user):
        settings = self.env["res.config.settings"].with_user(user)
        return Form(settings, view=self.env.ref(PAGE))

    def test_clinic_admin_opens_and_saves_the_clinic_settings_page(self):
        self.assertFalse(self.admin.has_group("base.group_erp_manager"), "not Odoo's administrator")
        self.assertFalse(self.admin.has_group("base.group_system"))
        action = (
            self.env["ir.actions.act_window"]
            .with_user(self.admin)
            ._for_xml_id("crm_ortho_onboarding.res_config_settings_action_clinic")
        )
        self.assertEqual(action["view_id"][0], self.env.ref(PAGE).id)
        menu = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config_settings")
        visible = self.env["ir.ui.menu"].with_user(self.admin)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        page = self._page(self.admin)
        self.assertEqual(page.clinic_resource_calendar_id, self.calendar)
        page.clinic_first_contact_sla_minutes = 30
        page.clinic_urgent_keywords = "swollen, broken bracket"
        settings = page.save()
        settings.execute()
        params = self.env["ir.config_parameter"]
        self.assertEqual(params.get_param("crm_ortho_onboarding.first_contact_sla_minutes"), "30")
        self.assertEqual(
            params.get_param("crm_ortho_onboarding.urgent_keywords"), "swollen, broken bracket"
        )
        # The page reopens with what was saved.
        self.assertEqual(self._page(self.admin).clinic_first_contact_sla_minutes, 30)
        # Discard brings the clinic page back, not Odoo's Settings.
        self.assertEqual(settings.cancel()["view_id"][0], self.env.ref(PAGE).id)

    def test_clinic_admin_opens_the_page_as_the_web_client_does(self):
        # The web client asks the new record's name with the page's fields; Odoo's name
        # of a settings record searches actions as the user, which a Clinic Admin may not.
        spec = {"display_name": {}, "clinic_first_contact_sla_minutes": {}}
        result = self.env["res.config.settings"].with_user(self.admin).onchange({}, [], spec)
        self.assertEqual(result["value"]["display_name"], "Clinic CRM Settings")

    def test_clinic_admin_still_has_no_technical_settings(self):
        Settings = self.env["res.config.settings"].with_user(self.admin)
        technical = "external_email_server_default"  # base_setup, Odoo's own Settings
        self.assertIn(technical, Settings._fields)
        with self.assertRaises(AccessError):
            Settings.create({technical: True})
        self.assertNotIn(technical, Settings.default_get([technical]))
        settings = Settings.create({"clinic_first_contact_sla_minutes": 20})
        with self.assertRaises(AccessError):
            settings.read([technical])
        with self.assertRaises(AccessError):
            settings.write({technical: True})
        # Odoo's Settings menu stays closed.
        visible = self.env["ir.ui.menu"].with_user(self.admin)._visible_menu_ids()
        self.assertNotIn(self.env.ref("base.menu_administration").id, visible)
        # Saving stores the page's values only.
        params = self.env["ir.config_parameter"]
        before = params.search_read([], ["key", "value"])
        settings.execute()
        after = {p["key"]: p["value"] for p in params.search_read([], ["key", "value"])}
        changed = {p["key"] for p in before if after.get(p["key"]) != p["value"]}
        changed |= set(after) - {p["key"] for p in before}
        self.assertIn("crm_ortho_onboarding.first_contact_sla_minutes", changed)
        # (Settings never saved before are stored with their defaults, as Odoo's do.)
        page = Settings.sudo()._get_classified_fields(
            sorted(Settings._clinic_admin_fields() & set(Settings._fields))
        )
        self.assertLessEqual(changed, {key for _name, key in page["config"]})

    def test_front_desk_may_not_open_the_clinic_settings(self):
        desk = self.users["front_desk"]
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(desk).create(
                {"clinic_first_contact_sla_minutes": 1}
            )
        menu = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config_settings")
        visible = self.env["ir.ui.menu"].with_user(desk)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        with self.assertRaises(AccessError):
            self.calendar.with_user(desk).attendance_ids[:1].hour_to = 18

    def test_clinic_admin_keeps_the_opening_hours(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        action = settings.action_clinic_open_working_hours()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("resource.calendar", self.calendar.id)
        )
        calendar = self.calendar.with_user(self.admin)
        friday = calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == "4" and a.day_period == "afternoon"
        )
        friday.hour_to = 15
        calendar.attendance_ids = [
            (0, 0, {"name": "Saturday morning", "dayofweek": "5", "hour_from": 8, "hour_to": 12})
        ]
        self.assertEqual(
            len(self.calendar.attendance_ids.filtered(lambda a: a.dayofweek == "5")), 1
        )

    def test_clinic_admin_keeps_public_holidays(self):
        holiday = self._holiday(self.admin)
        self.assertFalse(holiday.resource_id)
        holiday.name = "Clinic closed (inventory)"
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_ortho_onboarding.resource_calendar_leaves_action_clinic_holidays"
        )
        listed = (
            self.env["resource.calendar.leaves"]
            .with_user(self.admin)
            .search(safe_eval(action["domain"]))
        )
        self.assertIn(holiday, listed)
        holiday.unlink()

    def test_front_desk_cannot_keep_public_holidays(self):
        desk = self.users["front_desk"]
        with self.assertRaises(AccessError):
            self._holiday(desk)
        holiday = self._holiday(self.admin)
        with self.assertRaises(AccessError):
            holiday.with_user(desk).name = "Open after all"
        with self.assertRaises(AccessError):
            holiday.with_user(desk).unlink()

    def test_clinic_admin_cannot_change_a_colleagues_own_time_off(self):
        resource = (
            self.env["resource.resource"]
            .sudo()
            .create({"name": "Front desk", "user_id": self.users["front_desk"].id})
        )
        with self.assertRaises(AccessError):
            self._holiday(self.admin, resource_id=resource.id)

    def test_holidays_menu_is_for_clinic_admins(self):
        menu = self.env.ref("crm_ortho_onboarding.menu_clinic_crm_config_holidays")
        self.assertIn(self.env.ref("crm_ortho_onboarding.group_clinic_admin"), menu.group_ids)
        visible = self.env["ir.ui.menu"].with_user(self.admin)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.users["front_desk"])._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    @freeze_time("2026-03-02 16:50:00")  # Monday, ten minutes before closing
    def test_speed_to_lead_skips_a_holiday_the_clinic_admin_added(self):
        self.env["ir.config_parameter"].set_param(
            "crm_ortho_onboarding.first_contact_sla_minutes", "15"
        )
        self._holiday(
            self.admin, date_from="2026-03-03 00:00:00", date_to="2026-03-03 23:59:59"
        )  # Tuesday closed
        lead = (
            self.env["crm.lead"]
            .with_context(clinic_capture_channel="web")
            .create({"clinic_first_name": "Max", "email_from": "max.parent@example.com"})
        )
        self.assertEqual(lead.clinic_first_contact_due, datetime(2026, 3, 4, 8, 5))

    def _change_role(self, user, staff, role):
        wizard = (
            self.env["clinic.staff.role.change"]
            .with_user(user)
            .with_context(active_model="res.users", active_ids=staff.ids)
            .create({"role": role})
        )
        return wizard.action_apply()

    def test_clinic_admin_gives_staff_their_role(self):
        desk = mail_new_test_user(
            self.env, login="test_clinic_new_desk", groups=CLINIC_ROLES["front_desk"]
        )
        self.assertEqual(desk.clinic_role_id, self.env.ref(CLINIC_ROLES["front_desk"]))
        staff = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_ortho_onboarding.res_users_action_clinic_staff"
        )
        listed = self.env["res.users"].with_user(self.admin).search(safe_eval(staff["domain"]))
        self.assertIn(desk, listed)
        self._change_role(self.admin, desk, "doctor")
        self.assertTrue(desk.has_group(CLINIC_ROLES["doctor"]))
        self.assertFalse(desk.has_group(CLINIC_ROLES["front_desk"]))
        desk.invalidate_recordset(["clinic_role_id"])
        self.assertEqual(desk.clinic_role_id, self.env.ref(CLINIC_ROLES["doctor"]))
        # Users themselves stay Odoo's administrator's to edit.
        with self.assertRaises(AccessError):
            desk.with_user(self.admin).write({"name": "Someone else"})

    def test_clinic_admin_cannot_change_admins_or_give_super_admin(self):
        for protected in (self.users["super_admin"], self.env.ref("base.user_admin")):
            with self.assertRaises(UserError):
                self._change_role(self.admin, protected, "read_only")
        self.assertNotIn(
            "super_admin", dict(self.env["clinic.staff.role.change"]._fields["role"].selection)
        )
        with self.assertRaises(AccessError):
            self._change_role(self.users["front_desk"], self.users["billing"], "clinic_admin")
        self.assertFalse(self.users["billing"].has_group(CLINIC_ROLES["clinic_admin"]))

    def _holiday(self, user, **vals):
        values = {
            "name": "Clinic closed",
            "date_from": "2026-02-13 07:00:00",
            "date_to": "2026-02-14 06:59:59",
            **vals,
        }
        return self.env["resource.calendar.leaves"].with_user(user).create(values)
