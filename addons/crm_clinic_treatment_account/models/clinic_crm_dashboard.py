# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.fields import Domain

INVOICE_TYPES = ("out_invoice", "out_refund")
REVENUE_FIGURES = ("kpi_revenue", "kpi_revenue_patients", "kpi_revenue_per_patient")


# The dashboard is a screen of the core (transient), not a wizard: it lives in models/.
class ClinicCrmDashboard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """Revenue from posted customer invoices instead of procedure fees, once Invoicing is
    installed: the same figures, redefined here (label and help) and computed through
    the treatment addon's hooks (``_clinic_revenue``, ``_clinic_revenue_by_type``).

    Every clinic role sees the figures, as with fees: they are aggregates read with sudo,
    limited to the patients the user may see and to the dashboard's pipeline and
    location. The invoices behind them open for users who may read invoices (Billing,
    Clinic Admin: Odoo's Invoicing rights)."""

    _inherit = "clinic.crm.dashboard"

    kpi_revenue = fields.Monetary(
        help="Posted customer invoices of the period (invoice date) for patients, minus "
        "their posted refunds: untaxed amounts in the company's currency.",
    )
    kpi_revenue_patients = fields.Integer(
        string="Patients Invoiced",
        help="Patients with a posted customer invoice in the period (invoice date).",
    )
    kpi_revenue_per_patient = fields.Monetary(
        help="Posted customer invoices of the period (invoice date) for patients, minus "
        "their posted refunds (untaxed) ÷ patients with a posted customer invoice in the "
        "period.",
    )

    # ------------------------------------------------------------------
    # The invoices counted
    # ------------------------------------------------------------------

    def _clinic_invoice_domain(self, patients=None):
        """Posted customer invoices and refunds of the period (invoice date) of the
        user's companies, for a patient of the chosen pipeline/location. ``patients``
        (a query run as the user) replaces the patient condition for reads with sudo."""
        self.ensure_one()
        if patients is None:
            # As the user: the subquery on partners applies their location rules.
            patients = Domain("clinic_is_patient", "=", True)
        return (
            Domain("move_type", "in", INVOICE_TYPES)
            & Domain("state", "=", "posted")
            & Domain("invoice_date", ">=", self.date_from)
            & Domain("invoice_date", "<=", self.date_to)
            & Domain("company_id", "in", self.env.companies.ids)
            & Domain("clinic_patient_id", "any", patients)
            & self._clinic_patient_scope("clinic_patient_id")
        )

    def _clinic_invoice_line_domain(self, patients=None):
        """The product lines (not taxes, sections or notes) of those invoices."""
        return Domain("display_type", "=", "product") & Domain(
            "move_id", "any", self._clinic_invoice_domain(patients)
        )

    def _clinic_invoice_lines_sudo(self):
        """(account.move.line with sudo, domain): the invoice lines counted, for
        aggregates only; the patients the user may see are fixed as the user first."""
        visible = (
            self.env["res.partner"]
            .with_context(active_test=False)
            ._search(Domain("clinic_is_patient", "=", True))
        )
        # Partners are read as the user above; invoices with sudo: a role without
        # Invoicing rights still sees the figures.
        Line = self.env["account.move.line"].sudo()
        return Line, self._clinic_invoice_line_domain(visible)

    # ------------------------------------------------------------------
    # Hooks of crm_clinic_treatment
    # ------------------------------------------------------------------

    def _clinic_revenue(self, domains):
        """(revenue, patients): posted invoices minus posted refunds (untaxed, company
        currency), and the patients with a posted invoice."""
        Line, domain = self._clinic_invoice_lines_sudo()
        groups = Line._read_group(
            domain, ["move_id.clinic_patient_id", "move_id.move_type"], ["balance:sum"]
        )
        # Income is credited: an invoice's lines have a negative balance, a refund's positive.
        revenue = -sum(balance for _patient, _type, balance in groups)
        patients = {
            patient for patient, move_type, _balance in groups if move_type == "out_invoice"
        }
        return revenue, len(patients)

    def _clinic_revenue_by_type(self):
        """[(code, name, units, amount)] of the invoice lines counted, by the procedure
        code of their product; lines of a product without one are 'Other'. Units are
        invoiced minus refunded; the highest amounts first."""
        self.ensure_one()
        Line, domain = self._clinic_invoice_lines_sudo()
        groups = Line._read_group(
            domain, ["product_id", "move_id.move_type"], ["quantity:sum", "balance:sum"]
        )
        other = self.env._("Other")
        rows = {}
        for product, move_type, quantity, balance in groups:
            code = product.clinic_procedure_code or ""
            row = rows.setdefault(code, [code, product.name if code else other, 0.0, 0.0])
            row[2] += -quantity if move_type == "out_refund" else quantity
            row[3] += -balance
        return sorted(
            ((code, name, round(units, 2), amount) for code, name, units, amount in rows.values()),
            key=lambda row: (-row[3], row[0]),
        )

    def _clinic_revenue_columns(self):
        return [
            self.env._("Code"),
            self.env._("Procedure"),
            self.env._("Invoiced"),
            self.env._("Amount"),
        ]

    # ------------------------------------------------------------------
    # Drill-downs and screen
    # ------------------------------------------------------------------

    def _clinic_drill_downs(self):
        drills = super()._clinic_drill_downs()
        invoices = self._clinic_invoice_domain()
        drills.update(
            {
                "kpi_revenue": (
                    "account.move.line",
                    self._clinic_invoice_line_domain(),
                    ["product_id"],
                ),
                "kpi_revenue_patients": ("account.move", invoices, ["clinic_patient_id"]),
                "kpi_revenue_per_patient": ("account.move", invoices, ["clinic_patient_id"]),
            }
        )
        return drills

    def _clinic_drill_views(self, model):
        if model == "account.move":
            return [
                (self.env.ref("account.view_out_invoice_tree").id, "list"),
                (False, "pivot"),
                (False, "graph"),
                (self.env.ref("account.view_move_form").id, "form"),
            ]
        if model == "account.move.line":
            return [
                (self.env.ref("account.view_move_line_tree").id, "list"),
                (self.env.ref("account.view_move_line_pivot").id, "pivot"),
                (False, "graph"),
                (False, "form"),
            ]
        return super()._clinic_drill_views(model)

    def action_open_figure(self):
        """Invoices open for users who may read them; others are told why not."""
        figure = self.env.context.get("clinic_figure")
        if figure in REVENUE_FIGURES and not self.env["account.move"].has_access("read"):
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "title": self._fields[figure]._description_string(self.env),
                    "message": self.env._(
                        "The invoices behind this figure open for users with Invoicing "
                        "rights (the Billing role)."
                    ),
                },
            }
        return super().action_open_figure()

    def _clinic_tile_notes(self):
        notes = super()._clinic_tile_notes()
        notes["kpi_revenue_per_patient"] = self.env._(
            "%(patients)s patients invoiced", patients=self.kpi_revenue_patients
        )
        return notes
