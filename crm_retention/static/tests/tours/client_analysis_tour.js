import { registry } from "@web/core/registry";

const CLIENT = "Tour Analytics Ltd";

function openAnalysisMenu(menuXmlid, title) {
    return [
        {
            content: "Open the Client Base menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_retention.crm_retention_menu_root']",
            run: "click",
        },
        {
            content: `Open ${menuXmlid}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='crm_retention.${menuXmlid}']`,
            run: "click",
        },
        {
            content: `${title} is open`,
            trigger: `.o_breadcrumb .o_last_breadcrumb_item:contains(/^${title}$/)`,
        },
    ];
}

function searchClient() {
    return [
        {
            content: "Search the client",
            trigger: ".o_control_panel .o_searchview_input",
            run: `edit ${CLIENT}`,
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Search Client for')",
            run: "press Enter",
        },
        {
            content: "Filtered on the client",
            trigger: `.o_searchview_facet:contains('${CLIENT}')`,
        },
    ];
}

// A sales manager looks at a client's figures through every analysis screen, refreshes the
// current analysis and finds the new figures on the client's portrait. The history is
// built by test_client_analysis_ui.py: revenue 1,999.50 before the refresh, 2,499.50 after.
registry.category("web_tour.tours").add("crm_retention_client_analysis_tour", {
    steps: () => [
        // Client Value: the list, then the ABC pivot
        ...openAnalysisMenu("crm_client_value_menu", "Client Value"),
        {
            content: "The client's row shows its revenue",
            trigger: `.o_list_view .o_data_row:has(td[name='partner_id']:contains('${CLIENT}')) td[name='revenue']:contains('1,999.50')`,
        },
        ...searchClient(),
        {
            trigger: `.o_list_view .o_data_row:has(td[name='partner_id']:contains('${CLIENT}')) td[name='abc_class']:contains(/^A$/)`,
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "Class A holds the client's revenue",
            trigger: ".o_pivot tbody tr:has(th:contains(/^A$/)) td.o_pivot_cell_value:contains('1,999.50')",
        },
        // RFM Matrix: recency in rows, frequency in columns
        ...openAnalysisMenu("crm_client_value_menu_rfm", "RFM Matrix"),
        {
            trigger: ".o_pivot thead th:contains('Revenue')",
        },
        ...searchClient(),
        {
            content: "The client is in the cell R5 × F5",
            trigger: ".o_pivot tbody tr:has(th:contains(/^5$/)) td.o_pivot_cell_value:contains('1,999.50')",
        },
        {
            trigger: ".o_pivot thead th:contains(/^5$/)",
        },
        // Payment Discipline
        ...openAnalysisMenu("crm_client_value_menu_payment", "Payment Discipline"),
        {
            content: "The client's overdue amount",
            trigger: `.o_list_view .o_data_row:has(td[name='partner_id']:contains('${CLIENT}')) td[name='overdue_amount']:contains('765.50')`,
        },
        // Cohorts
        ...openAnalysisMenu("crm_client_cohort_report_menu", "Cohorts"),
        {
            trigger: ".o_pivot thead th:contains('Still Buying')",
        },
        ...searchClient(),
        {
            content: "The client bought in 3 of the 4 months of its cohort",
            trigger: ".o_pivot tbody td.o_pivot_cell_value:contains(/^75\\.0$/)",
        },
        {
            trigger: ".o_pivot tbody td.o_pivot_cell_value:contains(/^0\\.0$/)",
        },
        // Analyses: refresh the current one
        ...openAnalysisMenu("crm_client_analysis_menu", "Analyses"),
        {
            content: "Open the current analysis",
            trigger: ".o_list_view .o_data_row:has(td[name='is_current'] input:checked) td[name='name']",
            run: "click",
        },
        {
            content: "Computed long ago",
            trigger: ".o_form_view div[name='computed_on']:contains('2020')",
        },
        {
            content: "Refresh",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_refresh']:contains('Refresh')",
            run: "click",
        },
        {
            content: "Computed again just now",
            trigger: ".o_form_view div[name='computed_on']:not(:contains('2020')):contains(/\\d/)",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Computed')",
        },
        {
            content: "Its clients",
            trigger: ".o_form_view button[name='action_view_clients']",
            run: "click",
        },
        {
            content: "Open the client's figures",
            trigger: `.o_list_view .o_data_row td[name='partner_id']:contains('${CLIENT}')`,
            run: "click",
        },
        {
            content: "The invoice posted after the last refresh is counted now",
            trigger: ".o_form_view div[name='revenue']:contains('2,499.50')",
        },
        {
            content: "Open the client",
            trigger: ".o_form_view div[name='partner_id'] a.o_form_uri",
            run: "click",
        },
        // The portrait
        {
            content: "The client's Client Value tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Client Value')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='client_revenue']:contains('2,499.50')",
        },
        {
            trigger: ".o_form_view div[name='client_abc_class']:contains(/^A$/)",
        },
        {
            trigger: ".o_form_view div[name='client_rfm_segment_id']:contains('Champions')",
        },
        {
            trigger: ".o_form_view div[name='client_overdue_amount']:contains('765.50')",
        },
        {
            content: "More smart buttons",
            trigger: ".o_form_view .o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "Its segment history, with its RFM scores",
            trigger: ".o_dropdown_more button[name='action_view_client_figures']:contains('555')",
            run: "click",
        },
        {
            content: "Last month's snapshot: I1, I2 and I3",
            trigger: `.o_list_view .o_data_row:has(td[name='partner_id']:contains('${CLIENT}')) td[name='revenue']:contains('1,965.50')`,
        },
        {
            trigger: `.o_list_view .o_data_row:has(td[name='partner_id']:contains('${CLIENT}')) td[name='abc_class']:contains(/^A$/)`,
        },
    ],
});
