import logging
from email.message import EmailMessage

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

_logger = logging.getLogger(__name__)

OPEN_STATES = ("registered", "in_progress")


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

    @api.model
    def _selection_related_document_ref(self):
        # sudo: only model names are read, to offer them as document types
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("is_mail_thread", "=", True), ("transient", "=", False)])
        )
        return [(model.model, model.name) for model in models_]

    @api.depends("direction", "date_registered", "company_id")
    def _compute_reply_deadline(self):
        for item in self:
            if item.direction != "incoming":
                item.reply_deadline = False
            elif not item.reply_deadline and item.date_registered:
                days = item.company_id.correspondence_reply_days
                item.reply_deadline = (
                    item.date_registered + relativedelta(days=days) if days else False
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
            raise UserError(self.env._("Operation not supported for the Overdue filter."))
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
        items._attach_files_to_record()
        items.reply_to_id._mark_answered()
        return items

    def write(self, vals):
        if "direction" in vals:
            numbered = self.filtered(lambda i: i.name != "/" and i.direction != vals["direction"])
            if numbered:
                raise UserError(
                    self.env._(
                        "The direction of %(item)s cannot be changed: its number "
                        "belongs to the series of its direction.",
                        item=numbered[0].display_name,
                    )
                )
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._attach_files_to_record()
        if vals.get("reply_to_id"):
            self.reply_to_id._mark_answered()
        return res

    def _next_number(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
        direction = vals.get("direction") or self.default_get(["direction"]).get(
            "direction", "incoming"
        )
        date = vals.get("date_registered") or fields.Date.context_today(self)
        sequence = company._crm_correspondence_get_sequence(direction)
        return sequence.next_by_id(sequence_date=fields.Date.to_date(date))

    def _attach_files_to_record(self):
        """Scans uploaded in the form also belong to the item (chatter, access)."""
        for item in self:
            orphans = item.attachment_ids.filtered(lambda a: not a.res_id)
            # sudo: the user has just attached these files to a record they may edit
            orphans.sudo().write({"res_model": item._name, "res_id": item.id})

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
        activity_type = self._reply_activity_type()
        if activity_type:
            self.activity_feedback(
                ["crm_correspondence.mail_activity_type_correspondence_reply"],
                feedback=feedback,
            )

    def _mark_answered(self):
        to_answer = self.filtered(
            lambda i: i.direction == "incoming" and i.state in OPEN_STATES + ("no_reply",)
        )
        to_answer.write({"state": "answered"})
        to_answer._close_reply_activities(self.env._("Reply registered."))

    def action_start(self):
        self.filtered(lambda i: i.state == "registered").write({"state": "in_progress"})

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

    def action_set_archived(self):
        self.write({"state": "archived"})
        self._close_reply_activities(self.env._("Archived."))

    def action_reset(self):
        self.write({"state": "registered"})

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
            "target": "current",
            "context": self._prepare_reply_context(),
        }

    def _prepare_reply_context(self):
        self.ensure_one()
        return {
            "default_direction": "outgoing",
            "default_reply_to_id": self.id,
            "default_channel": self.channel,
            "default_partner_id": self.partner_id.id,
            "default_contact_id": self.contact_id.id,
            "default_subject": self.env._("Re: %(subject)s", subject=self.subject),
            "default_lead_id": self.lead_id.id,
            "default_sale_order_id": self.sale_order_id.id,
            "default_invoice_id": self.invoice_id.id,
            "default_company_id": self.company_id.id,
            "default_related_document_ref": self.related_document_ref
            and f"{self.related_document_ref._name},{self.related_document_ref.id}",
        }

    def action_view_replies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_correspondence.crm_correspondence_action"
        )
        action["domain"] = [("reply_to_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the correspondence alias registers an incoming item."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        commercial = author.commercial_partner_id
        values = {
            "name": "/",
            "direction": "incoming",
            "channel": "email",
            "subject": msg_dict.get("subject") or self.env._("No Subject"),
            "summary": html2plaintext(msg_dict.get("body") or ""),
            "partner_id": commercial.id,
            "contact_id": author.id if author and author != commercial else False,
            # nobody is responsible by default: the client's salesperson or a manager
            "user_id": commercial.user_id.id,
        }
        if msg_dict.get("date"):
            values["document_date"] = min(
                fields.Date.to_date(msg_dict["date"][:10]),
                fields.Date.context_today(self),
            )
        values.update(custom_values or {})
        item = super(CrmCorrespondence, self.with_context(default_user_id=False)).message_new(
            msg_dict, custom_values=values
        )
        item._attach_original_email(msg_dict)
        return item

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
            except (ValueError, TypeError):
                _logger.info("Malformed %s header not kept in the .eml copy", header)
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
        if message.message_type == "email" and message.attachment_ids:
            # files received by e-mail are scans of the item
            self.attachment_ids = [fields.Command.link(att.id) for att in message.attachment_ids]
        elif self._is_outgoing_email(message):
            self._register_outgoing_email(message)
        return res

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
            lambda p: not p.user_ids or all(p.user_ids.mapped("share"))
        )

    def _register_outgoing_email(self, message):
        recipient = self._external_recipients(message)[:1]
        commercial = recipient.commercial_partner_id
        author_user = message.author_id.user_ids.filtered(lambda u: not u.share)[:1]
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
            "lead_id": self.lead_id.id,
            "sale_order_id": self.sale_order_id.id,
            "invoice_id": self.invoice_id.id,
            "related_document_ref": self.related_document_ref
            and f"{self.related_document_ref._name},{self.related_document_ref.id}",
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
        """One reply activity per overdue item for its responsible, never twice."""
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
        return self.env["mail.activity"].create(vals_list)
