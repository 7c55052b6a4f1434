import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

/**
 * The clinic's dashboard: a screen, not a record. The figures, their definitions and
 * the records behind them come from clinic.crm.dashboard (Python); this component only
 * holds the filters and shows what the server computed.
 */
export class ClinicDashboard extends Component {
    static template = "crm_ortho_onboarding.ClinicDashboard";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.keepLast = new KeepLast();
        this.state = useState({
            filters: { period: "month", anchor: false, pipeline_type: false, team_id: false },
            data: null,
            loading: true,
        });
        onWillStart(() => this.load());
    }

    get display() {
        return { controlPanel: {} };
    }

    async load() {
        this.state.loading = true;
        const data = await this.keepLast.add(
            this.orm.call("clinic.crm.dashboard", "clinic_dashboard_data", [this.state.filters])
        );
        this.state.data = data;
        // The server's reading of the filters (dates of the week or month) is the truth.
        Object.assign(this.state.filters, data.filters);
        this.state.loading = false;
    }

    setFilter(name, value) {
        if (name === "team_id") {
            value = parseInt(value) || false;
        }
        this.state.filters[name] = value || false;
        if (name === "period" && value !== "custom") {
            this.state.filters.anchor = this.state.filters.date_from;
        }
        return this.load();
    }

    shift(step) {
        // Previous or next week / month: move the anchor by one period.
        const { period, date_from } = this.state.filters;
        const day = DateTime.fromISO(date_from);
        const next = period === "week" ? day.plus({ weeks: step }) : day.plus({ months: step });
        this.state.filters.anchor = next.toISODate();
        return this.load();
    }

    async openFigure(name) {
        const action = await this.orm.call("clinic.crm.dashboard", "clinic_dashboard_open", [
            this.state.filters,
            name,
        ]);
        return this.action.doAction(action);
    }

    async openAnalysis(groupby) {
        const action = await this.orm.call("clinic.crm.dashboard", "clinic_dashboard_analysis", [
            this.state.filters,
            groupby,
        ]);
        return this.action.doAction(action);
    }
}

registry.category("actions").add("clinic_crm_dashboard", ClinicDashboard);
