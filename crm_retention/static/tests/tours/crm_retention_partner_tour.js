import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A salesperson opens a client with data gaps and completes it to 100%.
registry.category("web_tour.tours").add("crm_retention_partner_complete_tour", {
    steps: () => [
        {
            content: "Open the client with missing data",
            trigger: ".o_data_row td.o_data_cell:contains('Hotel Volga')",
            run: "click",
        },
        {
            content: "The form tells what is missing",
            trigger: ".o_form_view div.alert-warning:contains('Phone')",
        },
        {
            trigger: ".o_form_view .o_data_completeness:not(:contains('100'))",
        },
        {
            content: "Fill the phone",
            trigger: "div[name='phone'] input",
            run: "edit +7 4852 10-20-30",
        },
        {
            content: "Fill the tax ID",
            trigger: "div[name='vat'] input",
            run: "edit 7604099999",
        },
        ...stepUtils.saveForm(),
        {
            content: "The client is now complete",
            trigger: ".o_form_view .o_data_completeness:contains('100')",
        },
        {
            trigger: ".o_form_view:not(:has(div.alert-warning:visible))",
        },
    ],
});
