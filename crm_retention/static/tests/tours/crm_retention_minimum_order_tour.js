import { registry } from "@web/core/registry";

// A sales manager confirms a quotation below the minimum order amount, with a reason.
registry.category("web_tour.tours").add("crm_retention_confirm_below_minimum_tour", {
    steps: () => [
        {
            content: "The quotation tells it is below the company minimum",
            trigger: ".o_form_view .o_minimum_order_warning:contains('5,000.00')",
        },
        {
            content: "Confirm below the minimum",
            trigger: ".o_form_view button[name='action_open_minimum_order_override']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Pilot order for the new showroom",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Sales Order')",
        },
        {
            content: "The chatter keeps the reason",
            trigger: ".o-mail-Message:contains('Pilot order for the new showroom')",
        },
    ],
});
