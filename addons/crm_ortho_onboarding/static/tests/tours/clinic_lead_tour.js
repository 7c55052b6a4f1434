/* Clinic CRM: the front desk takes a call about a child, a coordinator qualifies
   the lead and converts it, then sees the patient and the guardian. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_ortho_onboarding_front_desk_lead", {
    url: "/odoo/clinic-leads/new",
    steps: () => [
        {
            content: "Open the clinic details",
            trigger: ".o_notebook_headers a[name=clinic]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=clinic_first_name] input",
            run: "edit Lucas",
        },
        {
            trigger: ".o_field_widget[name=clinic_last_name] input",
            run: "edit Rivera",
        },
        {
            trigger: ".o_field_widget[name=clinic_birthdate] input",
            run: "edit 03/14/2015",
        },
        {
            trigger: ".o_field_widget[name=clinic_contact_first_name] input",
            run: "edit Elena",
        },
        {
            trigger: ".o_field_widget[name=clinic_contact_last_name] input",
            run: "edit Rivera",
        },
        {
            trigger: ".o_field_widget[name=clinic_contact_relation] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Parent)",
            run: "click",
        },
        {
            trigger: ".o_notebook .o_field_widget[name=email_from] input",
            run: "edit elena.rivera@example.com",
        },
        {
            trigger: ".o_notebook .o_field_widget[name=phone] input",
            run: "edit (212) 736-5000",
        },
        {
            content: "No title to type: it comes from the patient's name",
            trigger: ".oe_title .o_field_widget[name=name]:contains(Lucas Rivera):not(:has(textarea, input))",
        },
        {
            content: "Save the lead",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the phone is stored in E.164",
            trigger: ".o_notebook .o_field_widget[name=phone] input:value(+12127365000)",
        },
    ],
});

registry.category("web_tour.tours").add("crm_ortho_onboarding_coordinator_convert", {
    steps: () => [
        {
            content: "Qualify the lead",
            trigger: ".o_form_view button[name=action_clinic_qualify]",
            run: "click",
        },
        {
            content: "Confirm the qualification",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "Now an opportunity: convert it to a patient",
            trigger: ".o_form_view button[name=action_clinic_convert_to_patient]",
            run: "click",
        },
        {
            content: "The wizard links the parent created at qualification as guardian",
            trigger: ".modal .o_field_widget[name=guardian_id] input:value(Elena Rivera)",
        },
        {
            trigger: ".modal button[name=action_convert]",
            run: "click",
        },
        {
            content: "The patient's form, with a patient reference",
            trigger: ".o_form_view .o_field_widget[name=clinic_patient_ref]:contains(PT-)",
        },
        {
            content: "…and the guardian",
            trigger: ".o_form_view .o_field_widget[name=clinic_guardian_link_ids] td:contains(Elena Rivera)",
        },
    ],
});

registry.category("web_tour.tours").add("crm_ortho_onboarding_front_desk_convert", {
    steps: () => [
        {
            content: "Front Desk qualifies the lead (lead:convert)",
            trigger: ".o_form_view button[name=action_clinic_qualify]",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "…and converts it to a patient",
            trigger: ".o_form_view button[name=action_clinic_convert_to_patient]",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_convert]",
            run: "click",
        },
        {
            content: "The patient's form, with a patient reference",
            trigger: ".o_form_view .o_field_widget[name=clinic_patient_ref]:contains(PT-)",
        },
    ],
});
