import { registry } from "@web/core/registry";

// A customer reports a damaged sofa from the portal...
registry.category("web_tour.tours").add("crm_service_desk_portal_ticket", {
    url: "/new/ticket",
    steps: () => [
        {
            content: "Choose the showroom's team",
            trigger: "select[name=team]",
            run: "selectByLabel Tour showroom service",
        },
        {
            content: "Choose the category",
            trigger: "select[name=category]",
            run: "selectByLabel Tour damaged furniture",
        },
        {
            content: "Write the subject",
            trigger: "input[name=subject]",
            run: "edit Tour: the corner sofa arrived torn",
        },
        {
            content: "Describe the damage",
            trigger: "textarea[name=description]",
            run: "edit The left armrest is torn along the seam.",
        },
        {
            content: "Submit the ticket",
            trigger: "button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The customer sees the ticket",
            trigger: ".o_portal_helpdesk_sidebar [data-id=number]",
        },
    ],
});

// ...and the agent answers it and solves it, the SLA following every step.
registry.category("web_tour.tours").add("crm_service_desk_ticket_resolution", {
    steps: () => [
        {
            content: "The ticket's SLA is running",
            trigger: ".o_field_widget[name=sla_status] span:contains(Ongoing)",
        },
        {
            content: "Answer the customer",
            trigger: "button:contains(Send message)",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit A new armrest is on its way; the fitter comes on Thursday.",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The reply is in the chatter",
            trigger: ".o-mail-Message-body:contains(A new armrest is on its way)",
        },
        {
            content: "Open the folded stages",
            trigger: ".o_statusbar_status button.dropdown-toggle:visible:not(:disabled)",
            run: "click",
        },
        {
            content: "Solve the ticket",
            trigger: ".dropdown-item:contains(Done)",
            run: "click",
        },
        {
            content: "The ticket's SLA is met",
            trigger: ".o_field_widget[name=sla_status] span:contains(Reached)",
        },
        {
            content: "Open the SLA tab",
            trigger: "a.nav-link:contains(SLA)",
            run: "click",
        },
        {
            content: "The response target is met by the reply",
            trigger: ".o_field_widget[name=sla_ids] tr:contains(Response) span:contains(Reached)",
        },
        {
            content: "The resolution target is met by the solved stage",
            trigger: ".o_field_widget[name=sla_ids] tr:contains(Resolution) span:contains(Reached)",
        },
    ],
});
