import { registry } from "@web/core/registry";

// A parent completes their child's HIPAA acknowledgment from the portal on a phone.
registry.category("web_tour.tours").add("crm_intake_forms_guardian_portal", {
    url: "/my/intake",
    steps: () => [
        {
            content: "Open the HIPAA form from the list of forms",
            trigger: ".o_clinic_intake_row:contains('HIPAA') a.o_clinic_intake_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start the form",
            trigger: "button.btn:contains('Start')",
            run: "click",
        },
        {
            content: "The consent text is shown above the agreement",
            trigger: ".o_clinic_consent_text:contains('Notice of Privacy Practices')",
        },
        {
            content: "Agree",
            trigger: "div.js_question-wrapper:contains('I have read') label:contains('I agree')",
            run: "click",
        },
        {
            content: "Sign as the parent",
            trigger: "div.js_question-wrapper:contains('Your relationship') label:contains('Parent')",
            run: "click",
        },
        {
            content: "Type the signature",
            trigger: "div.js_question-wrapper:contains('Type your full name') input",
            run: "edit Hannah Park",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_survey_finished, h1:contains('Thank you')",
        },
        {
            content: "Back to the list of forms",
            trigger: "body",
            run: "goToUrl /my/intake",
            expectUnloadPage: true,
        },
        {
            content: "Add a drawn signature to the consent",
            trigger: ".o_clinic_intake_row:contains('HIPAA') a.o_clinic_intake_sign",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The signature pad shows the signer's name",
            trigger: ".o_web_sign_name_and_signature input:value('Hannah Park')",
        },
        {
            content: "Sign",
            trigger: ".o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The form is completed",
            trigger: ".o_clinic_intake_row:contains('HIPAA') .badge:contains('Completed')",
        },
    ],
});
