import { registry } from "@web/core/registry";

// A salesperson opens a client's quotation, sees the product its purchases suggest and
// adds it with one click.
registry.category("web_tour.tours").add("crm_retention_basket_tour", {
    steps: () => [
        {
            content: "Open the quotation's suggested products",
            trigger: ".o_form_view .o_notebook a[name='basket_suggestions']",
            run: "click",
        },
        {
            content: "The cushions are suggested, bought with the sofa the client bought",
            trigger:
                ".o_field_widget[name='basket_suggestion_ids'] .o_data_row:contains('Tour Cushions'):contains('Bought with Tour Sofa')",
        },
        {
            content: "Add them",
            trigger:
                ".o_field_widget[name='basket_suggestion_ids'] .o_data_row:contains('Tour Cushions') button[name='action_add_to_order']",
            run: "click",
        },
        {
            content: "Nothing left to suggest",
            trigger: ".o_field_widget[name='basket_suggestion_ids']:not(:has(.o_data_row))",
        },
        {
            content: "Back to the order lines",
            trigger: ".o_form_view .o_notebook a[name='order_lines']",
            run: "click",
        },
        {
            content: "The cushions are on the quotation",
            trigger: ".o_field_widget[name='order_line'] .o_data_row:contains('Tour Cushions')",
        },
    ],
});
