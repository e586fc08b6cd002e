import { registry } from "@web/core/registry";

// A salesperson marks a client lost to a competitor; the client leaves the Clients list.
registry.category("web_tour.tours").add("crm_retention_mark_client_lost_tour", {
    steps: () => [
        {
            content: "Open the client",
            trigger: ".o_data_row td.o_data_cell:contains('Domostroy Interiors')",
            run: "click",
        },
        {
            content: "Mark it as lost",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Mark as Lost')",
            run: "click",
        },
        {
            content: "Choose the reason",
            trigger: ".modal div[name='lost_reason_id'] input",
            run: "edit Price",
        },
        {
            trigger: ".modal .o-autocomplete--dropdown-item > a:contains('Price')",
            run: "click",
        },
        {
            content: "Name the competitor",
            trigger: ".modal div[name='competitor_id'] input",
            run: "edit Mebel-Market",
        },
        {
            trigger: ".modal .o-autocomplete--dropdown-item > a:contains('Mebel-Market Yaroslavl')",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name='action_mark_lost']",
            run: "click",
        },
        {
            content: "The form tells the client is lost and why",
            trigger: ".o_form_view .o_client_lost:contains('Price'):contains('Mebel-Market')",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Reactivate')",
        },
        {
            content: "Back to the clients",
            trigger: ".o_breadcrumb a:contains('Clients')",
            run: "click",
        },
        {
            content: "The lost client is no longer listed",
            trigger: ".o_list_view:has(.o_data_row):not(:has(td:contains('Domostroy Interiors')))",
        },
    ],
});
