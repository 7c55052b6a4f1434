/* Clinic CRM: an intake specialist opens the Open Leads Intake Stream, filters it by
   clicking the "Practitioner" bar of the lead type visual, then clears the filter. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_clinic_therapy_intake_stream", {
    url: "/odoo/clinic-intake-stream",
    steps: () => [
        {
            content: "Both leads are in the stream",
            trigger:
                ".o_clinic_stream_leads .o_data_row:contains(Stream Patient Lead) ~ .o_data_row:contains(Stream Practitioner Lead), .o_clinic_stream_leads .o_data_row:contains(Stream Practitioner Lead) ~ .o_data_row:contains(Stream Patient Lead)",
        },
        {
            content: "My phone calls tile counts my call",
            trigger: ".o_clinic_stream_tiles div[name=my_call_count] .fs-2:contains(1)",
        },
        {
            content: "Click the Practitioner bar of the lead type visual",
            trigger:
                ".o_clinic_stream_visual[name=bucket_lead_type_ids] .o_data_row:contains(Practitioner) button.o_clinic_stream_bar",
            run: "click",
        },
        {
            content: "The stream only shows practitioners",
            trigger:
                ".o_clinic_stream_leads:not(:has(.o_data_row:contains(Stream Patient Lead))) .o_data_row:contains(Stream Practitioner Lead)",
        },
        {
            content: "Clear the filters",
            trigger: "button.o_clinic_stream_clear",
            run: "click",
        },
        {
            content: "Patients are back",
            trigger: ".o_clinic_stream_leads .o_data_row:contains(Stream Patient Lead)",
        },
    ],
});
