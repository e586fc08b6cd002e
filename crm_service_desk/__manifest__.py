{
    "name": "Service Desk",
    "summary": "OCA helpdesk tickets linked to orders and invoices, safe portal intake, "
    "SLA per team, priority and client tier on working calendars",
    "version": "18.0.2.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["helpdesk_mgmt", "resource", "sale"],
    "data": [
        "security/crm_service_desk_security.xml",
        "security/ir.model.access.csv",
        "data/crm_service_desk_data.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/crm_service_sla_term_views.xml",
        "views/helpdesk_ticket_sla_views.xml",
        "views/res_partner_service_tier_views.xml",
        "report/crm_service_sla_report_views.xml",
        "views/crm_service_desk_menus.xml",
    ],
    "demo": [
        "demo/crm_service_desk_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_service_desk/static/tests/tours/*.js"],
    },
    "installable": True,
}
