/* Clinic CRM: a parent requests a consultation from a phone (website form). */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_clinic_capture_consultation_form", {
    url: "/clinic/consultation",
    steps: () => [
        {
            content: "Patient first name",
            trigger: "input[name=patient_first_name]",
            run: "edit Maya",
        },
        {
            trigger: "input[name=patient_last_name]",
            run: "edit Chen",
        },
        {
            trigger: "input[name=guardian_first_name]",
            run: "edit Wei",
        },
        {
            trigger: "input[name=guardian_last_name]",
            run: "edit Chen",
        },
        {
            trigger: "input[name=phone]",
            run: "edit 212 736 5000",
        },
        {
            trigger: "input[name=email]",
            run: "edit wei.chen@example.com",
        },
        {
            trigger: "select[name=concern]",
            run: "select crowding",
        },
        {
            content: "Agree to text messages",
            trigger: "label[for=clinic_consent_sms]",
            run: "click",
        },
        {
            content: "Send",
            trigger: "form.clinic_lead_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thank-you page",
            trigger: ".clinic_thank_you",
        },
    ],
});
