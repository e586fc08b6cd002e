import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

registry.category("web_tour.tours").add("crm_correspondence_register_and_reply", {
    steps: () => [
        {
            content: "Register a new item",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Write the subject",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Order of ten oak wardrobes",
        },
        {
            content: "Choose the correspondent",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Wardrobe Client",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Wardrobe Client)",
            run: "click",
        },
        {
            content: "Attach the scan of the letter",
            trigger: ".o_field_widget[name=attachment_ids] .o_attach",
            async run() {
                const scan = new File(["%PDF-1.4 scanned letter"], "scan_letter.pdf", {
                    type: "application/pdf",
                });
                await inputFiles(".o_field_widget[name=attachment_ids] input.o_input_file", [
                    scan,
                ]);
            },
        },
        {
            content: "The scan is uploaded",
            trigger: ".o_field_widget[name=attachment_ids] .o_attachment[title='scan_letter.pdf']",
        },
        {
            content: "Save the incoming letter",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The letter got its incoming number",
            trigger: ".o_field_widget[name=name]:contains(IN/)",
        },
        {
            content: "Reply to the letter",
            trigger: "button[name=action_reply]",
            run: "click",
        },
        {
            content: "The answer is prefilled as a reply",
            trigger: ".o_field_widget[name=reply_to_id] input",
        },
        {
            content: "Write the summary of the answer",
            trigger: ".o_field_widget[name=summary] textarea",
            run: "edit We confirm the order and the delivery in two weeks.",
        },
        {
            content: "Save the answer",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The answer got its outgoing number",
            trigger: ".o_field_widget[name=name]:contains(OUT/)",
        },
    ],
});
