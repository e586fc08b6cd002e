{
    "name": "Client Base: cross-module tests",
    "summary": "Tests of the client-base modules together",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": [
        "crm_retention",
        "crm_correspondence",
        "crm_service_desk",
        "crm_retention_correspondence",
    ],
    "data": [],
    "installable": True,
}
