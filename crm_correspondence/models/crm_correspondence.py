import logging
from email.message import EmailMessage

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize_all, html2plaintext

from .res_company import MAX_REPLY_DAYS

_logger = logging.getLogger(__name__)

OPEN_STATES = ("registered", "in_progress")
# once numbered, these fields are changed by Correspondence Administrators only
REGISTRATION_FIELDS = ("name", "date_registered", "company_id")
GROUP_MANAGER = "crm_correspondence.crm_correspondence_group_manager"


class CrmCorrespondence(models.Model):
    _name = "crm.correspondence"
    _description = "Correspondence"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_registered desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "The number of a correspondence item must be unique per company.",
        ),
    ]

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default="/",
    )
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")],
        required=True,
        default="incoming",
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("letter", "Letter"),
            ("fax", "Fax"),
            ("email", "E-mail"),
            ("courier", "Courier"),
            ("other", "Other"),
        ],
        required=True,
        default="letter",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("registered", "Registered"),
            ("in_progress", "In Progress"),
            ("answered", "Answered"),
            ("no_reply", "No Reply Needed"),
            ("archived", "Archived"),
        ],
        required=True,
        default="registered",
        copy=False,
        tracking=True,
        index=True,
    )
    date_registered = fields.Date(
        string="Registration Date",
        required=True,
        default=fields.Date.context_today,
        copy=False,
        index=True,
        tracking=True,
    )
    registration_locked = fields.Boolean(
        compute="_compute_registration_locked",
        help="The number, the registration date and the company of a numbered item are "
        "only changed by a Correspondence Administrator.",
    )
    document_date = fields.Date(help="Date printed on the document itself.")
    sender_reference = fields.Char(
        string="Sender's Reference",
        help="The number the sender gave to the document (their outgoing number).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Correspondent",
        check_company=True,
        tracking=True,
        index=True,
        # a legal register keeps its correspondents: archive the partner instead
        ondelete="restrict",
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )
    subject = fields.Char(required=True, tracking=True)
    summary = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "crm_correspondence_ir_attachment_rel",
        "correspondence_id",
        "attachment_id",
        string="Scans and Files",
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
    )
    reply_deadline = fields.Date(
        compute="_compute_reply_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="Date by which an incoming item has to be answered.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="The reply deadline has passed and the item is not answered yet.",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead/Opportunity",
        check_company=True,
        index="btree_not_null",
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", check_company=True, index="btree_not_null"
    )
    invoice_id = fields.Many2one(
        "account.move",
        check_company=True,
        index="btree_not_null",
        domain="[('move_type', 'in', ('out_invoice', 'out_refund', 'in_invoice', 'in_refund'))]",
    )
    related_document_ref = fields.Reference(
        selection="_selection_related_document_ref",
        string="Related Document",
        help="Any other document this item concerns, e.g. a service ticket.",
    )
    reply_to_id = fields.Many2one(
        "crm.correspondence",
        string="In Reply To",
        check_company=True,
        index="btree_not_null",
        domain="[('direction', '=', 'incoming')]",
        tracking=True,
    )
    reply_ids = fields.One2many("crm.correspondence", "reply_to_id", string="Replies")
    reply_count = fields.Integer(compute="_compute_reply_count")
    # Mail gateway: the From of an e-mail proves nothing, so the sender is only suggested
    sender_to_verify = fields.Boolean(
        string="Sender to Verify",
        readonly=True,
        copy=False,
        index=True,
        help="Registered from an e-mail whose sender is not verified: it has no "
        "correspondent, no responsible and does not count as a contact with a client "
        "until a user confirms the sender.",
    )
    email_from = fields.Char(
        string="Received From",
        readonly=True,
        copy=False,
        help="The sender of the e-mail that registered the item, as written in its From.",
    )
    email_message_id = fields.Char(
        string="E-mail Message-Id",
        readonly=True,
        copy=False,
        help="Message-Id of the e-mail that registered the item.",
    )
    suggested_partner_id = fields.Many2one(
        "res.partner",
        string="Suggested Correspondent",
        readonly=True,
        copy=False,
        check_company=True,
        help="The partner whose e-mail address matches the From of the received e-mail. "
        "Anyone can write any From: it becomes the correspondent only when a user "
        "confirms the sender.",
    )

    @api.model
    def _selection_related_document_ref(self):
        # sudo: only model names are read, to offer them as document types
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("is_mail_thread", "=", True), ("transient", "=", False)])
        )
        return [(model.model, model.name) for model in models_]

    @api.depends_context("uid")
    @api.depends("name")
    def _compute_registration_locked(self):
        is_manager = self.env.su or self.env.user.has_group(GROUP_MANAGER)
        for item in self:
            item.registration_locked = bool(item.id and item.name != "/" and not is_manager)

    @api.depends("direction", "date_registered", "company_id")
    def _compute_reply_deadline(self):
        for item in self:
            if item.direction != "incoming":
                item.reply_deadline = False
            elif not item.reply_deadline and item.date_registered:
                # out-of-range values of databases older than the company constraint
                # mean no default deadline rather than a failed registration
                days = item.company_id.correspondence_reply_days
                item.reply_deadline = (
                    item.date_registered + relativedelta(days=days)
                    if 0 < days <= MAX_REPLY_DAYS
                    else False
                )
            else:
                item.reply_deadline = item.reply_deadline

    @api.depends("direction", "state", "reply_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_overdue = bool(
                item.direction == "incoming"
                and item.state in OPEN_STATES
                and item.reply_deadline
                and item.reply_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(self.env._("Operation not supported for the Overdue filter."))
        domain = self._overdue_domain()
        if (operator == "=") == bool(value):
            return domain
        return [("id", "not in", self._search(domain))]

    def _compute_reply_count(self):
        counts = dict(
            self._read_group([("reply_to_id", "in", self.ids)], ["reply_to_id"], ["__count"])
        )
        for item in self:
            item.reply_count = counts.get(item, 0)

    @api.constrains("document_date")
    def _check_document_date(self):
        today = fields.Date.context_today(self)
        for item in self:
            if item.document_date and item.document_date > today:
                raise ValidationError(
                    self.env._(
                        "The document date of %(item)s cannot be in the future.",
                        item=item.display_name,
                    )
                )

    @api.constrains("date_registered")
    def _check_date_registered(self):
        today = fields.Date.context_today(self)
        for item in self:
            if item.date_registered > today:
                raise ValidationError(
                    self.env._(
                        "The registration date of %(item)s cannot be in the future.",
                        item=item.display_name,
                    )
                )

    @api.constrains("reply_deadline", "document_date")
    def _check_reply_deadline(self):
        for item in self:
            if (
                item.reply_deadline
                and item.document_date
                and item.reply_deadline < item.document_date
            ):
                raise ValidationError(
                    self.env._(
                        "The reply deadline of %(item)s cannot be earlier than its document date.",
                        item=item.display_name,
                    )
                )

    @api.constrains("reply_to_id", "direction")
    def _check_reply_to_id(self):
        for item in self.filtered("reply_to_id"):
            if item.direction != "outgoing" or item.reply_to_id.direction != "incoming":
                raise ValidationError(
                    self.env._(
                        "%(item)s: only an outgoing item can answer, and only an "
                        "incoming item can be answered.",
                        item=item.display_name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id.commercial_partner_id != self.commercial_partner_id:
            self.contact_id = False
        if self.partner_id.commercial_partner_id.user_id and not self.user_id:
            self.user_id = self.partner_id.commercial_partner_id.user_id

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for item in self:
            if item.name and item.name != "/":
                item.display_name = f"{item.name} {item.subject or ''}".strip()
            else:
                item.display_name = item.subject or self.env._("New Correspondence")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self._next_number(vals)
        items = super().create(vals_list)
        items._check_attachment_links(items.attachment_ids)
        items._attach_files_to_record()
        items.reply_to_id._mark_answered()
        return items

    def write(self, vals):
        if "direction" in vals:
            numbered = self.filtered(
                lambda item: item.name != "/" and item.direction != vals["direction"]
            )
            if numbered:
                raise UserError(
                    self.env._(
                        "The direction of %(item)s cannot be changed: its number "
                        "belongs to the series of its direction.",
                        item=numbered[0].display_name,
                    )
                )
        self._check_registration_change(vals)
        linked_before = self.attachment_ids if "attachment_ids" in vals else None
        res = super().write(vals)
        if linked_before is not None:
            self._check_attachment_links(self.attachment_ids - linked_before)
            self._attach_files_to_record()
        if vals.get("reply_to_id"):
            self.reply_to_id._mark_answered()
        return res

    def _check_registration_change(self, vals):
        """A number is drawn for a company and a year: only an administrator corrects them."""
        changed = [fname for fname in REGISTRATION_FIELDS if fname in vals]
        if not changed or self.env.su or self.env.user.has_group(GROUP_MANAGER):
            return
        new_values = {
            "name": vals.get("name"),
            "date_registered": fields.Date.to_date(vals.get("date_registered")),
            "company_id": vals.get("company_id") or False,
        }
        for item in self.filtered(lambda item: item.name != "/"):
            old_values = {
                "name": item.name,
                "date_registered": item.date_registered,
                "company_id": item.company_id.id,
            }
            for fname in changed:
                if new_values[fname] != old_values[fname]:
                    raise UserError(
                        self.env._(
                            "%(item)s is numbered: only a Correspondence Administrator "
                            "can change its %(field)s.",
                            item=item.display_name,
                            field=self._fields[fname]._description_string(self.env),
                        )
                    )

    def _check_attachment_links(self, attachments):
        """Only files the user may change can become files of an item.

        Linking moves nothing by itself, but a linked file is then served and changed
        with the item's access rights: someone else's pending upload or a public file
        (website images, asset bundles) must not be taken over that way. This is core's
        own rule for changing a file (ir.attachment.check).
        """
        for attachment in attachments:
            try:
                attachment.check("write")
            except AccessError:
                raise AccessError(
                    self.env._(
                        "The file #%(file)s cannot be attached to a correspondence item: "
                        "it belongs to another document or to another user.",
                        file=attachment.id,
                    )
                ) from None

    def _next_number(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
        direction = vals.get("direction") or self.default_get(["direction"]).get(
            "direction", "incoming"
        )
        date = fields.Date.to_date(vals.get("date_registered")) or fields.Date.context_today(self)
        sequence = company._crm_correspondence_get_sequence(direction)
        company._crm_correspondence_ensure_date_range(sequence, date)
        return sequence.next_by_id(sequence_date=date)

    def _attach_files_to_record(self):
        """Scans the user has just uploaded in the form also belong to the item.

        As core does for the files of a message (mail.thread._process_attachments_for_post),
        only the user's own pending uploads for this model move onto the item; any other
        file stays where it is.
        """
        for item in self:
            uploads = item.attachment_ids.filtered(
                lambda attachment: (
                    attachment.res_model == self._name
                    and not attachment.res_id
                    and attachment.create_uid == self.env.user
                )
            )
            # sudo: only the user's own pending uploads (filtered just above) get the id
            # of the item the user has just created or written; no other file is touched
            uploads.sudo().write({"res_id": item.id})

    def _overdue_domain(self):
        return [
            ("direction", "=", "incoming"),
            ("state", "in", OPEN_STATES),
            ("reply_deadline", "!=", False),
            ("reply_deadline", "<", fields.Date.context_today(self)),
        ]

    def _reply_activity_type(self):
        return self.env.ref(
            "crm_correspondence.mail_activity_type_correspondence_reply",
            raise_if_not_found=False,
        )

    def _close_reply_activities(self, feedback):
        # a removed activity type is simply skipped by activity_feedback
        self.activity_feedback(
            ["crm_correspondence.mail_activity_type_correspondence_reply"],
            feedback=feedback,
        )

    def _mark_answered(self):
        to_answer = self.filtered(
            lambda item: item.direction == "incoming" and item.state in OPEN_STATES + ("no_reply",)
        )
        to_answer.write({"state": "answered"})
        to_answer._close_reply_activities(self.env._("Reply registered."))

    def _get_linked_document_values(self):
        """The documents an item concerns, as values of another item (e.g. its reply)."""
        self.ensure_one()
        related = self.related_document_ref
        return {
            "lead_id": self.lead_id.id,
            "sale_order_id": self.sale_order_id.id,
            "invoice_id": self.invoice_id.id,
            "related_document_ref": f"{related._name},{related.id}" if related else False,
        }

    # ------------------------------------------------------------------
    # Actions (each returns a value XML-RPC can carry: no None, no records)
    # ------------------------------------------------------------------

    def action_start(self):
        self.filtered(lambda item: item.state == "registered").write({"state": "in_progress"})
        return True

    def action_mark_no_reply(self):
        for item in self:
            if item.direction != "incoming" or item.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "%(item)s is not an open incoming item.",
                        item=item.display_name,
                    )
                )
        self.write({"state": "no_reply"})
        self._close_reply_activities(self.env._("No reply needed."))
        return True

    def action_set_archived(self):
        archived = self.filtered(lambda item: item.state == "archived")
        if archived:
            raise UserError(
                self.env._("%(item)s is already archived.", item=archived[0].display_name)
            )
        self.write({"state": "archived"})
        self._close_reply_activities(self.env._("Archived."))
        return True

    def action_reset(self):
        not_closed = self.filtered(lambda item: item.state not in ("no_reply", "archived"))
        if not_closed:
            raise UserError(
                self.env._(
                    "%(item)s cannot be reset to Registered: only archived items and "
                    "items needing no reply can.",
                    item=not_closed[0].display_name,
                )
            )
        self.write({"state": "registered"})
        return True

    def action_reply(self):
        """Open a new outgoing item prefilled as the answer to this incoming one."""
        self.ensure_one()
        if self.direction != "incoming":
            raise UserError(
                self.env._(
                    "%(item)s is an outgoing item: only incoming correspondence can be answered.",
                    item=self.display_name,
                )
            )
        if self.state == "archived":
            raise UserError(
                self.env._(
                    "%(item)s is archived: reset it before answering.",
                    item=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": self._prepare_reply_context(),
        }

    def _prepare_reply_context(self):
        self.ensure_one()
        linked = {
            f"default_{fname}": value for fname, value in self._get_linked_document_values().items()
        }
        return {
            "default_direction": "outgoing",
            "default_reply_to_id": self.id,
            "default_channel": self.channel,
            "default_partner_id": self.partner_id.id,
            "default_contact_id": self.contact_id.id,
            "default_subject": self.env._("Re: %(subject)s", subject=self.subject),
            "default_company_id": self.company_id.id,
            **linked,
        }

    def action_view_replies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("reply_to_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_confirm_sender(self):
        """Make the checked sender of e-mailed items their correspondent.

        The correspondent chosen on the item wins over the suggested one; the client's
        salesperson becomes responsible when nobody is, and is notified as usual.
        """
        to_confirm = self.filtered("sender_to_verify")
        without_sender = to_confirm.filtered(
            lambda item: not item.partner_id and not item.suggested_partner_id
        )
        if without_sender:
            raise UserError(
                self.env._(
                    "Choose the correspondent of %(item)s before confirming its sender.",
                    item=without_sender[0].display_name,
                )
            )
        for item in to_confirm:
            vals = {"sender_to_verify": False}
            client = item.partner_id.commercial_partner_id
            if not item.partner_id:
                sender = item.suggested_partner_id
                client = sender.commercial_partner_id
                vals["partner_id"] = client.id
                vals["contact_id"] = sender.id if sender != client else False
            if not item.user_id and client.user_id:
                vals["user_id"] = client.user_id.id
            item.write(vals)
        return True

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the correspondence alias registers an incoming item *to verify*.

        The From header proves nothing: the partner it matches is only suggested, the item
        gets no correspondent and no responsible (so nobody is notified) until a user
        confirms the sender. An e-mail from an employee (a forwarded scan) suggests no
        correspondent at all. Nothing derived from the e-mail may make the registration
        fail: the letter would be lost.
        """
        custom_values = dict(custom_values or {})
        company = self._gateway_company(msg_dict, custom_values)
        author = self._gateway_author(msg_dict, company)
        values = {
            "name": "/",
            "direction": "incoming",
            "channel": "email",
            "subject": msg_dict.get("subject") or self.env._("No Subject"),
            "summary": html2plaintext(msg_dict.get("body") or ""),
            "company_id": company.id,
            "partner_id": False,
            "contact_id": False,
            "user_id": False,
            "sender_to_verify": True,
            "email_from": msg_dict.get("email_from") or False,
            "email_message_id": msg_dict.get("message_id") or False,
            "suggested_partner_id": author.id,
        }
        document_date = self._gateway_document_date(msg_dict)
        if document_date:
            values["document_date"] = document_date
        values.update(custom_values)
        item = super(
            CrmCorrespondence,
            self.with_context(default_user_id=False, mail_auto_subscribe_no_notify=True),
        ).message_new(msg_dict, custom_values=values)
        item._attach_original_email(msg_dict)
        return item.with_env(self.env)

    @api.model
    def _gateway_company(self, msg_dict, custom_values):
        """The company of the alias the e-mail was sent to (its defaults, else its domain)."""
        Company = self.env["res.company"]
        if custom_values.get("company_id"):
            return Company.browse(custom_values["company_id"])
        recipients = email_normalize_all(
            ",".join(filter(None, (msg_dict.get("to"), msg_dict.get("recipients"))))
        )
        # sudo: the gateway reads which alias the e-mail was sent to (its company and
        # defaults); the recipients come from the message, nothing else is read
        aliases = (
            self.env["mail.alias"]
            .sudo()
            .search(
                [
                    ("alias_model_id.model", "=", self._name),
                    ("alias_full_name", "in", recipients),
                ]
            )
            if recipients
            else self.env["mail.alias"]
        )
        companies = aliases.alias_domain_id.company_ids
        if not companies or self.env.company in companies:
            return self.env.company
        return companies[:1]

    @api.model
    def _gateway_author(self, msg_dict, company):
        """The external partner the From matches within the company, to suggest."""
        Partner = self.env["res.partner"]
        author = Partner.browse(msg_dict.get("author_id") or [])
        if author.company_id and author.company_id != company:
            # the same address may belong to a partner of the item's company
            author = Partner
            if msg_dict.get("email_from"):
                author = (
                    self._mail_find_partner_from_emails(
                        [msg_dict["email_from"]],
                        extra_domain=[("company_id", "in", [company.id, False])],
                    )[0]
                    or Partner
                )
        if author.user_ids.filtered(lambda user: not user.share):
            # an employee forwarding a letter is not its correspondent
            return Partner
        return author

    @api.model
    def _gateway_document_date(self, msg_dict):
        """The e-mail's date, never after today; none when it cannot be read."""
        try:
            sent = fields.Datetime.to_datetime(msg_dict.get("date"))
        except (ValueError, TypeError):
            _logger.info("Unreadable date %r of an e-mail not kept", msg_dict.get("date"))
            return False
        return sent and min(sent.date(), fields.Date.context_today(self))

    def _attach_original_email(self, msg_dict):
        """Keep the received e-mail itself as an .eml file among the item's files."""
        self.ensure_one()
        email = EmailMessage()
        for header, key in (
            ("From", "email_from"),
            ("To", "to"),
            ("Cc", "cc"),
            ("Date", "date"),
            ("Subject", "subject"),
            ("Message-Id", "message_id"),
        ):
            value = " ".join(str(msg_dict.get(key) or "").split())
            if not value:
                continue
            try:
                email[header] = value
            except Exception:
                # a header the parser refuses must not cost the letter its registration
                _logger.info("Malformed %s header not kept in the .eml copy", header, exc_info=True)
        email.set_content(msg_dict.get("body") or "", subtype="html")
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name.replace('/', '-')}.eml",
                "raw": email.as_bytes(),
                "mimetype": "message/rfc822",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.attachment_ids = [fields.Command.link(attachment.id)]

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if self._is_registering_email(message):
            # the files of the e-mail that registered the item are its scans; pictures
            # shown inside the text (signatures, logos) are not
            body = message.body or ""
            files = message.attachment_ids.filtered(
                lambda attachment: f"/web/image/{attachment.id}?" not in body
            )
            if files:
                self.attachment_ids = [fields.Command.link(file.id) for file in files]
        elif self._is_outgoing_email(message):
            self._register_outgoing_email(message)
        return res

    def _is_registering_email(self, message):
        return (
            len(self) == 1
            and message.message_type == "email"
            and bool(self.email_message_id)
            and message.message_id == self.email_message_id
        )

    def _is_outgoing_email(self, message):
        """A message sent to the client from an incoming item is its answer."""
        if (
            len(self) != 1
            or self.direction != "incoming"
            or self.env.context.get("crm_correspondence_no_register")
            or message.message_type != "comment"
            or message.subtype_id != self.env.ref("mail.mt_comment")
        ):
            return False
        author_users = message.author_id.user_ids
        return bool(author_users and not all(author_users.mapped("share"))) and bool(
            self._external_recipients(message)
        )

    def _external_recipients(self, message):
        return message.partner_ids.filtered(
            lambda partner: not partner.user_ids or all(partner.user_ids.mapped("share"))
        )

    def _register_outgoing_email(self, message):
        recipient = self._external_recipients(message)[:1]
        commercial = recipient.commercial_partner_id
        author_user = message.author_id.user_ids.filtered(lambda user: not user.share)[:1]
        vals = {
            "direction": "outgoing",
            "channel": "email",
            "reply_to_id": self.id,
            "partner_id": commercial.id,
            "contact_id": recipient.id if recipient != commercial else False,
            "subject": message.subject or self.env._("Re: %(subject)s", subject=self.subject),
            "summary": html2plaintext(message.body or ""),
            "document_date": fields.Date.context_today(self),
            "user_id": author_user.id or self.env.user.id,
            "company_id": self.company_id.id,
            **self._get_linked_document_values(),
        }
        # sudo: the register records what was sent, whatever the sender's own
        # access to the register; the reply carries the sender as responsible and
        # only copies data of the item the sender has just written on
        reply = self.sudo().with_context(crm_correspondence_no_register=True).create(vals)
        if message.attachment_ids:
            # sudo: files of the sent message, copied onto the registered reply
            copies = message.attachment_ids.sudo().copy(
                {"res_model": self._name, "res_id": reply.id}
            )
            reply.attachment_ids = [fields.Command.set(copies.ids)]
        # sudo: a system note on the item the author has just posted on
        self.sudo().message_post(
            body=self.env._("Sent e-mail registered as %(reply)s.", reply=reply.name),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return reply

    # ------------------------------------------------------------------
    # Overdue replies
    # ------------------------------------------------------------------

    @api.model
    def _cron_notify_overdue(self):
        overdue = self.search(self._overdue_domain())
        overdue._schedule_reply_activities()
        template = self.env.ref(
            "crm_correspondence.mail_template_correspondence_overdue_digest",
            raise_if_not_found=False,
        )
        if not template:
            return
        for user, items in overdue.filtered("user_id").grouped("user_id").items():
            template.with_context(overdue_items=items).send_mail(
                user.id, email_layout_xmlid="mail.mail_notification_light"
            )

    def _schedule_reply_activities(self):
        """One reply activity per overdue item for its responsible, never twice.

        The activities are created silently: the daily digest already tells each
        responsible about all their overdue items in one e-mail.
        """
        activity_type = self._reply_activity_type()
        if not activity_type:
            return self.env["mail.activity"]
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        done_ids = set(existing.mapped("res_id"))
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": item.id,
                "activity_type_id": activity_type.id,
                "summary": self.env._("Overdue reply: %(item)s", item=item.display_name),
                "date_deadline": item.reply_deadline,
                "user_id": item.user_id.id,
                "automated": True,
            }
            for item in self
            if item.id not in done_ids and item.user_id
        ]
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
