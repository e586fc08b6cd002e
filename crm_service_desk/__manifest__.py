{
    "name": "Service Desk",
    "summary": "Service Desk app frame: menu, User and Administrator groups, client list",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["mail", "portal", "rating", "sale"],
    "data": [
        "security/crm_service_desk_groups.xml",
        "security/ir.model.access.csv",
        "views/crm_service_desk_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
