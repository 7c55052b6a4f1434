/* Clinic CRM: a coordinator takes a call from the pipeline's kanban: the quick create
   asks for the patient, the parent, the phone and the concern, and the card gets its
   title from them (no company, no "Opportunity's Name"). */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_ortho_onboarding_quick_create", {
    url: "/odoo/clinic-ortho-pipeline",
    steps: () => [
        {
            content: "Quick create a card in the first column",
            trigger: ".o_kanban_group:first-child .o_kanban_quick_add",
            run: "click",
        },
        {
            content: "No company, no title to type",
            trigger:
                ".o_kanban_quick_create:not(:has(.o_field_widget[name=commercial_partner_id])):not(:has(.o_field_widget[name=name]))",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=clinic_first_name] input",
            run: "edit Emma",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=clinic_last_name] input",
            run: "edit Quickcreate",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=clinic_contact_first_name] input",
            run: "edit Laura",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=clinic_contact_last_name] input",
            run: "edit Quickcreate",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=phone] input",
            run: "edit (303) 555-0177",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=clinic_concern] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Crowding)",
            run: "click",
        },
        {
            content: "Add the card",
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "The card's title comes from the patient and the concern",
            trigger: ".o_kanban_record:contains(Emma Quickcreate – Crowding)",
        },
    ],
});
