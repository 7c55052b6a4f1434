import { _t } from "@web/core/l10n/translation";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { patch } from "@web/core/utils/patch";
import { SurveyForm } from "@survey/interactions/survey_form";

// An intake form asks "Submit your answers?" in plain words, not "submit the survey".
patch(SurveyForm.prototype, {
    onSubmit(ev) {
        const targetEl = ev.currentTarget;
        if (targetEl.value === "finish" && this.formEl.dataset.clinicIntake) {
            ev.preventDefault();
            this.dialog.add(ConfirmationDialog, {
                title: _t("Submit"),
                body: _t("Submit your answers? You cannot change them afterwards."),
                confirmLabel: _t("Submit"),
                confirm: () => {
                    this.waitForTimeout(() => this.submitForm({ isFinish: true }), 0);
                },
                cancel: () => {},
            });
            return;
        }
        return super.onSubmit(ev);
    },
});
