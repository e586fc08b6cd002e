/* Answers suggested while a client writes a ticket; "This solved my problem" counts a
   deflection and opens the article instead of sending the ticket. */
import {rpc} from "@web/core/network/rpc";
import {debounce} from "@web/core/utils/timing";
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.CrmServiceDeskFaqSuggest = publicWidget.Widget.extend({
    selector: "form[action='/submitted/ticket']",
    events: {
        "input input[name='subject']": "_onInput",
        "input textarea[name='description']": "_onInput",
        "change select[name='category']": "_onInput",
        "click .o_crm_faq_solved": "_onSolved",
    },

    init() {
        this._super(...arguments);
        this._suggest = debounce(this._suggest.bind(this), 300);
    },

    _values() {
        const subject = this.el.querySelector("input[name='subject']");
        const description = this.el.querySelector("textarea[name='description']");
        const category = this.el.querySelector("select[name='category']");
        return {
            subject: subject ? subject.value : "",
            text: `${subject ? subject.value : ""} ${description ? description.value : ""}`,
            category_id: category && category.value ? parseInt(category.value, 10) : false,
        };
    },

    _onInput() {
        this._suggest();
    },

    async _suggest() {
        const {text, category_id} = this._values();
        const box = this.el.querySelector("#crm_faq_suggestions");
        if (!box) {
            return;
        }
        const articles = text.trim() || category_id
            ? await rpc("/help/suggest", {text, category_id})
            : [];
        const list = box.querySelector(".o_crm_faq_suggestion_list");
        const solvedLabel = box.querySelector(".o_crm_faq_solved_label").textContent;
        list.replaceChildren();
        for (const article of articles) {
            const item = document.createElement("div");
            item.className = "o_crm_faq_suggestion border rounded p-2 mb-2";
            const link = document.createElement("a");
            link.href = article.url;
            link.target = "_blank";
            link.className = "fw-bold";
            link.textContent = article.name;
            const excerpt = document.createElement("div");
            excerpt.className = "small text-muted";
            excerpt.textContent = article.excerpt;
            const button = document.createElement("button");
            button.type = "button";
            button.className = "btn btn-sm btn-outline-success mt-1 o_crm_faq_solved";
            button.dataset.articleId = article.id;
            button.textContent = solvedLabel;
            item.append(link, excerpt, button);
            list.append(item);
        }
        box.classList.toggle("d-none", !articles.length);
    },

    async _onSolved(ev) {
        ev.preventDefault();
        const {subject, category_id} = this._values();
        const result = await rpc("/help/deflect", {
            article_id: parseInt(ev.currentTarget.dataset.articleId, 10),
            subject,
            category_id,
        });
        window.location.href = result.redirect;
    },
});
