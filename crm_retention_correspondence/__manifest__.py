{
    "name": "Client Retention: correspondence as contacts",
    "summary": "Registered letters, faxes and e-mails count as contacts with the client",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["crm_retention", "crm_correspondence"],
    "data": [],
    "installable": True,
    "auto_install": True,
}
