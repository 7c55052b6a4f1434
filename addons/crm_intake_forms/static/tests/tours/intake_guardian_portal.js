import { registry } from "@web/core/registry";

// A parent completes their child's packet on a phone: medical history first (name and
// birth date asked once, minor status never asked), then the HIPAA acknowledgment,
// signed at its end; after each form, back to the packet with the progress.
registry.category("web_tour.tours").add("crm_intake_forms_guardian_portal", {
    url: "/my/intake",
    steps: () => [
        {
            content: "The packet says what is next",
            trigger: ".o_clinic_intake_progress:contains('0 of 2 done, next: Medical History')",
        },
        {
            content: "Open the medical history, first in the packet",
            trigger: ".o_clinic_intake_row:first:contains('Medical History') a.o_clinic_intake_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start, in plain words",
            trigger: "button.o_clinic_intake_start:contains('Start')",
            run: "click",
        },
        {
            content: "The patient's name is asked here, prefilled",
            trigger: "div.js_question-wrapper:contains('full name') input:value('Leo Park')",
        },
        {
            content: "Minor status is not asked",
            trigger: "body:not(:has(div.js_question-wrapper:not(.d-none):contains('a minor')))",
        },
        {
            content: "Continue",
            trigger: "button[value='next']",
            run: "click",
        },
        {
            content: "The guardian page follows for a minor",
            trigger: "div.js_question-wrapper:contains('Parent or guardian') input",
            run: "edit Hannah Park",
        },
        {
            content: "Relationship",
            trigger: "div.js_question-wrapper:contains('Relationship') label:contains('Parent')",
            run: "click",
        },
        {
            content: "Continue to the health questions",
            trigger: "button[value='next']",
            run: "click",
        },
        {
            content: "Questions speak to the parent",
            trigger: "div.js_question-wrapper:contains('Is the patient taking any medications?')",
        },
        {
            content: "No conditions: said explicitly",
            trigger: "div.js_question-wrapper:contains('any of these conditions') label:contains('None of these')",
            run: "click",
        },
        {
            content: "No medications",
            trigger: "div.js_question-wrapper:contains('taking any medications') label:contains('No')",
            run: "click",
        },
        {
            content: "No allergies",
            trigger: "div.js_question-wrapper:contains('any allergies') label:contains('No')",
            run: "click",
        },
        {
            content: "No premedication",
            trigger: "div.js_question-wrapper:contains('antibiotics') label:contains('No')",
            run: "click",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Confirm, in plain words",
            trigger: ".modal:contains('Submit your answers?') .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Back on track: progress and the next form, never 'Take Again'",
            trigger: ".o_clinic_intake_finished:not(:contains('Take Again')) .o_clinic_intake_progress:contains('1 of 2 done, next: HIPAA')",
        },
        {
            content: "Go to the next form",
            trigger: "a.o_clinic_intake_next",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start the consent",
            trigger: "button.o_clinic_intake_start",
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
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The end of the consent is its signature",
            trigger: ".o_clinic_intake_finished a.o_clinic_intake_sign",
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
            content: "All done",
            trigger: ".o_clinic_intake_progress:contains('2 of 2 done')",
        },
        {
            content: "The consent is completed",
            trigger: ".o_clinic_intake_row:contains('HIPAA') .badge:contains('Completed')",
        },
    ],
});
