/* Clinic CRM: a coordinator starts the day on Today, records the outcome of an
   overdue call, sees the lead leave the list, then checks the dashboard. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_ortho_onboarding_coordinator_day", {
    url: "/odoo/clinic-today",
    steps: () => [
        {
            content: "The overdue call is on today's list, flagged",
            trigger: ".o_data_row:contains(Tour Overdue Family) .badge:contains(Overdue)",
        },
        {
            content: "The follow-up planned next week is not",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Next Week Family)))",
        },
        {
            content: "Record the call's outcome",
            trigger: ".o_data_row:contains(Tour Overdue Family) button[name=action_clinic_change_status]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=status_id] input",
            run: "edit no response",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(no response)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Voicemail left, will try again",
        },
        {
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "Done for today: the lead leaves the list",
            trigger:
                "body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row:contains(Tour Overdue Family)))",
        },
        {
            content: "Open the dashboard",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_ortho_onboarding.menu_clinic_crm_dashboard']",
            run: "click",
        },
        {
            content: "Figures are there",
            trigger: ".o_clinic_dashboard_figures div[name=uncontacted_count] .fs-2",
        },
        {
            content: "Week view",
            trigger: ".o_clinic_dashboard_filters button:contains(Week)",
            run: "click",
        },
        {
            content: "The dashboard is a screen, not a new record",
            trigger: ".o_clinic_dashboard_filters button.active:contains(Week)",
            run() {
                const path = window.location.pathname;
                if (!path.endsWith("/clinic-dashboard")) {
                    throw new Error(`The dashboard's address changed to ${path}`);
                }
                if (document.querySelector(".o_breadcrumb")?.textContent.includes("New")) {
                    throw new Error("The dashboard shows a New breadcrumb");
                }
            },
        },
    ],
});
