import { registry } from "@web/core/registry";

// A client looks for an answer on the help page and says it helped...
registry.category("web_tour.tours").add("crm_service_desk_faq_help_page", {
    url: "/help",
    steps: () => [
        {
            content: "Search the answers",
            trigger: ".o_crm_faq_help input[name=search]",
            run: "edit velvet",
        },
        {
            content: "Run the search",
            trigger: ".o_crm_faq_help button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the answer found",
            trigger: ".o_crm_faq_item a:contains(Tour: cleaning velvet)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is shown",
            trigger: ".o_crm_faq_article:contains(Brush velvet along the pile)",
        },
        {
            content: "It was helpful",
            trigger: ".o_crm_faq_vote .o_crm_faq_yes",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The vote is thanked",
            trigger: ".o_crm_faq_voted",
        },
    ],
});

// ...then starts a ticket, and a suggested answer solves it before sending.
registry.category("web_tour.tours").add("crm_service_desk_faq_deflection", {
    url: "/new/ticket",
    steps: () => [
        {
            content: "Choose the category",
            trigger: "select[name=category]",
            run: "selectByLabel Tour upholstery",
        },
        {
            content: "Write the subject",
            trigger: "input[name=subject]",
            run: "edit Tour: velvet armchair looks shabby",
        },
        {
            content: "The answer is suggested while writing",
            trigger: "#crm_faq_suggestions .o_crm_faq_suggestion a:contains(Tour: cleaning velvet)",
        },
        {
            content: "This solved my problem",
            trigger: "#crm_faq_suggestions .o_crm_faq_solved",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "No ticket was needed",
            trigger: ".o_crm_faq_solved:contains(no ticket was needed)",
        },
    ],
});

// An agent links a suggested answer as the ticket's solution.
registry.category("web_tour.tours").add("crm_service_desk_faq_agent_solution", {
    steps: () => [
        {
            content: "Open the suggested answers",
            trigger: ".o_notebook a[name=faq_suggestions]",
            run: "click",
        },
        {
            content: "Link the velvet answer as the solution",
            trigger: ".o_field_widget[name=suggested_article_ids] tr:contains(Tour: cleaning velvet) button.o_crm_faq_link_solution",
            run: "click",
        },
        {
            content: "The solution is set on the ticket",
            trigger: ".o_field_widget[name=solution_article_id] input:value(Tour: cleaning velvet)",
        },
    ],
});
