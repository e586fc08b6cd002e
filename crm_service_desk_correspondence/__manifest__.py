{
    "name": "Service Desk: tickets from correspondence",
    "summary": "An incoming registered letter becomes a service ticket; a ticket lists its letters",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "CRM Client Base",
    "website": "https://example.com/crm-client-base",
    "depends": ["crm_correspondence", "crm_service_desk"],
    "data": [
        "data/helpdesk_ticket_channel_data.xml",
        "views/crm_correspondence_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "demo": ["demo/crm_service_desk_correspondence_demo.xml"],
    "installable": True,
    "auto_install": True,
}
