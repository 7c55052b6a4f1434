/* Clinic CRM records requests: the front desk verifies a request but cannot
   authorize it; a doctor sees the request without its records. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_records_requests_front_desk_verify", {
    steps: () => [
        {
            content: "Start verifying the request",
            trigger: ".o_form_view button[name=action_start_verification]",
            run: "click",
        },
        {
            content: "Record that the photo ID was checked",
            trigger: ".o_form_view button[name=action_verify_identity]",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name=authorization]",
            run: "click",
        },
        {
            content: "Who verified is recorded",
            trigger: ".o_field_widget[name=identity_verified_by_id]:contains(Tour Front Desk)",
        },
        {
            content: "The front desk has no Authorize button",
            trigger: ".o_form_view:not(:has(button[name=action_authorize]))",
        },
        {
            trigger: ".o_notebook_headers a[name=deadline]",
            run: "click",
        },
        {
            content: "The due date explains the rules behind it",
            trigger: ".o_field_widget[name=deadline_explanation]:contains(45 CFR 164.524)",
        },
    ],
});

registry.category("web_tour.tours").add("crm_records_requests_doctor_view", {
    steps: () => [
        {
            content: "The request is visible",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(ROI-)",
        },
        {
            content: "but not its documents, and no workflow buttons",
            trigger:
                ".o_form_view:not(:has(a[name=delivery])):not(:has(button[name=action_start_verification]))",
        },
    ],
});
