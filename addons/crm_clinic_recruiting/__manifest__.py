# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{'name': 'Clinic CRM: Recruiting', 'summary': 'TODO', 'version': '19.0.1.0.0', 'category': 'Sales/CRM', 'author': 'Clinic CRM contributors', 'website': 'https://github.com/clinic-crm/clinic-crm-odoo', 'license': 'LGPL-3', 'depends': ['crm_ortho_onboarding'], 'data': ['data/clinic_recruiting_data.xml', 'views/clinic_practitioner_qualification_views.xml', 'views/crm_lead_recruiting_views.xml'], 'demo': [], 'installable': True}
