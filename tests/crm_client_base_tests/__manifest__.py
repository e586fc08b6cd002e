{
    "name": "Client Base: cross-module tests",
    "summary": "Cross-module tests of the client-base suite (test-only, never in production)",
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
