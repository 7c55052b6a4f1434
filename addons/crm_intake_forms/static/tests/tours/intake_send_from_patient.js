import { registry } from "@web/core/registry";

// A front desk user sends the intake forms from a patient's Intake tab.
registry.category("web_tour.tours").add("crm_intake_forms_send_from_patient", {
    steps: () => [
        {
            content: "Open the Intake tab",
            trigger: ".o_notebook a[name='clinic_intake']",
            run: "click",
        },
        {
            content: "Send intake forms",
            trigger: "button[name='action_clinic_send_intake']",
            run: "click",
        },
        {
            content: "The guardian is proposed as recipient",
            trigger: ".modal .o_field_widget[name='recipient_id'] input:value('Tour Guardian')",
        },
        {
            content: "The forms are proposed",
            trigger: ".modal .o_field_widget[name='survey_ids'] .o_tag:contains('Medical History')",
        },
        {
            content: "Send",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "The requests are listed on the patient",
            trigger: ".o_field_widget[name='clinic_intake_request_ids'] .o_data_row:contains('Medical History')",
        },
    ],
});
