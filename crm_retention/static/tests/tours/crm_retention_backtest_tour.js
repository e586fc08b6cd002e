import { registry } from "@web/core/registry";

// A sales manager checks how far to trust the forecast: a backtest with the cut-off
// 2026-03-31 on the history built by test_backtest_ui.py (900.00 bought in the window by
// 3 of the 12 clients; the Active clients rebought at 50 %).
registry.category("web_tour.tours").add("crm_retention_backtest_tour", {
    steps: () => [
        {
            content: "Open the Client Base menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_retention.crm_retention_menu_root']",
            run: "click",
        },
        {
            content: "Open Backtest",
            trigger: ".o-dropdown--menu [data-menu-xmlid='crm_retention.crm_client_backtest_menu']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains(/^Backtest$/)",
        },
        {
            content: "New backtest",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Cut-off date",
            trigger: ".o_field_widget[name=cut_off_date] input",
            run: "edit 03/31/2026 && press Escape",
        },
        {
            content: "The window ends 91 days later",
            trigger: ".o_field_widget[name=window_end_date]:contains('06/30/2026')",
        },
        {
            content: "Run it",
            trigger: ".o_form_view button[name=action_run]:contains('Run Backtest')",
            run: "click",
        },
        {
            content: "The forecast against what the clients bought",
            trigger: ".o_field_widget[name=summary_total]:contains('the clients bought $ 900.00')",
        },
        {
            trigger: ".o_field_widget[name=actual_revenue]:contains('900.00')",
        },
        {
            content: "Per status: the Active clients rebought at 50 %",
            trigger: ".o_field_widget[name=status_line_ids] .o_data_row:has(td[name=label]:contains('Active')) td[name=rebuy_rate]:contains('50.0')",
        },
        {
            content: "Beside plain recency: 0-30 days rebought at 60 %",
            trigger: ".o_field_widget[name=recency_line_ids] .o_data_row:has(td[name=label]:contains('0-30 days')) td[name=rebuy_rate]:contains('60.0')",
        },
        {
            content: "The ranking of who bought again, by status and by recency",
            trigger: ".o_field_widget[name=summary_ranking]:contains('plain recency 94.4 %')",
        },
    ],
});
