/* Clinic CRM records requests: the front desk verifies a request but cannot
   authorize it; clinical staff see the request without its records; a doctor
   (records:authorize) authorizes the release but does not prepare it. */
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

registry.category("web_tour.tours").add("crm_records_requests_view_only", {
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

registry.category("web_tour.tours").add("crm_records_requests_doctor_authorize", {
    steps: () => [
        {
            content: "The doctor sees the documents of the request",
            trigger: ".o_form_view .o_notebook_headers a[name=delivery]",
        },
        {
            content: "and no button to prepare the records",
            trigger: ".o_form_view:not(:has(button[name=action_start_preparing]))",
        },
        {
            content: "Authorize the release",
            trigger: ".o_form_view button[name=action_authorize]",
            run: "click",
        },
        {
            content: "The request is authorized",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=authorized]",
        },
        {
            content: "Preparing is the front desk's",
            trigger: ".o_form_view:not(:has(button[name=action_start_preparing]))",
        },
    ],
});
