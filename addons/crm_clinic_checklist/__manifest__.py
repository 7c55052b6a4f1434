# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Clinic CRM: Onboarding Checklist",
    "summary": "Four-phase onboarding checklist on patient opportunities, with a stage gate",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Clinic CRM contributors",
    "website": "https://github.com/clinic-crm/clinic-crm-odoo",
    "license": "LGPL-3",
    "depends": ["crm_ortho_onboarding"],
    "data": [
        "security/clinic_checklist_security.xml",
        "security/ir.model.access.csv",
        "data/clinic_checklist_data.xml",
        "views/clinic_checklist_template_views.xml",
        "views/clinic_checklist_line_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_clinic_checklist_menus.xml",
    ],
    "demo": ["demo/clinic_checklist_demo.xml"],
    "installable": True,
}
