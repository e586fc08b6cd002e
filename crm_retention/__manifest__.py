{
    "name": "CRM Client Retention",
    "summary": "One client base: roles, profile, data standards, anniversaries, contact "
    "standards, sales plans, churn capture, minimum orders, hand-over",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://github.com/crm-client-base/crm-client-base",
    "depends": ["crm", "sale"],
    "external_dependencies": {"python": ["google-re2"]},
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/crm_retention_security.xml",
        "security/crm_contact_standard_security.xml",
        "security/crm_sales_plan_switch_security.xml",
        # data
        "data/crm_relationship_role_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        # wizards
        "wizard/crm_handover_wizard_views.xml",
        "wizard/crm_lead_lost_views.xml",
        "wizard/crm_sales_plan_switch_wizard_views.xml",
        "wizard/res_partner_mark_lost_views.xml",
        "wizard/sale_order_minimum_override_views.xml",
        # views
        "views/res_partner_views.xml",
        "views/res_partner_data_standard_views.xml",
        "views/res_partner_contact_standard_views.xml",
        "views/res_partner_sales_plan_views.xml",
        "views/res_partner_churn_views.xml",
        "views/res_partner_minimum_order_views.xml",
        "views/res_partner_category_views.xml",
        "views/crm_relationship_role_views.xml",
        "views/crm_data_standard_views.xml",
        "views/crm_contact_standard_views.xml",
        "views/crm_sales_plan_switch_views.xml",
        "views/mail_activity_plan_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
        "views/sale_portal_templates.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_minimum_order_views.xml",
        # reports
        "report/crm_anniversary_report_views.xml",
        "report/crm_churn_report_views.xml",
        # menus last
        "views/crm_retention_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/crm_data_standard_demo.xml",
        "demo/crm_contact_standard_demo.xml",
        "demo/mail_activity_plan_demo.xml",
        "demo/crm_handover_demo.xml",
        "demo/crm_churn_demo.xml",
        "demo/sale_order_minimum_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_retention/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
