{
    "name": "Correspondence",
    "summary": "Register of incoming and outgoing letters, faxes and e-mails",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["mail", "crm", "sale"],
    "data": [
        "security/crm_correspondence_groups.xml",
        "security/ir.model.access.csv",
        "views/crm_correspondence_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
