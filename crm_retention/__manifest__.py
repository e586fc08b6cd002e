{
    "name": "CRM Client Retention",
    "summary": "One client base with profile, standards, churn and value analytics",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["crm", "sale"],
    "data": [
        "security/ir.model.access.csv",
        "views/crm_retention_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
