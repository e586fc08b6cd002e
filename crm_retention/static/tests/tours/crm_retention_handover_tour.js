import { registry } from "@web/core/registry";

// A sales manager hands the clients of a leaving salesperson over to two colleagues.
registry.category("web_tour.tours").add("crm_retention_handover_tour", {
    steps: () => [
        {
            content: "Open the Client Base menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_retention.crm_retention_menu_root']",
            run: "click",
        },
        {
            content: "Start the hand-over",
            trigger: "[data-menu-xmlid='crm_retention.crm_handover_wizard_menu']",
            run: "click",
        },
        {
            content: "Choose the leaving salesperson",
            trigger: ".modal div[name='from_user_id'] input",
            run: "edit Olga",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Olga Petrova')",
            run: "click",
        },
        {
            content: "The wizard shows what she owns",
            trigger: ".modal div[name='lead_count']:contains('3')",
        },
        {
            content: "First colleague",
            trigger: ".modal div[name='to_user_ids'] input",
            run: "edit Marc",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Marc Demo')",
            run: "click",
        },
        {
            content: "Second colleague",
            trigger: ".modal div[name='to_user_ids'] input",
            run: "edit Mitchell",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Mitchell Admin')",
            run: "click",
        },
        {
            trigger: ".modal div[name='to_user_ids'] .o_tag:contains('Mitchell Admin')",
        },
        {
            content: "Hand over",
            trigger: ".modal button[name='action_handover']",
            run: "click",
        },
        {
            content: "The summary tells who got what",
            trigger: ".modal .o_handover_summary:contains('Marc Demo'):contains('Mitchell Admin')",
        },
        {
            trigger: ".modal footer button:contains('Close')",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
