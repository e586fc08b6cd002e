"""One returned item of a ticket: the order line or the invoice it was sold on, the quantity
and the untaxed amount taken back, in the company's currency."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class CrmServiceReturnLine(models.Model):
    _name = "crm.service.return.line"
    _description = "Returned Item"
    _order = "ticket_id, id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    commercial_partner_id = fields.Many2one(
        related="ticket_id.commercial_partner_id", string="Client"
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('order_id.partner_id', 'child_of', commercial_partner_id), "
        "('company_id', '=', company_id), ('display_type', '=', False), "
        "('state', '=', 'sale')]",
        help="The client's order line the item was sold on.",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', commercial_partner_id), "
        "('company_id', '=', company_id)]",
        help="The client's posted invoice the item was billed on.",
    )
    product_id = fields.Many2one(
        "product.product",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    amount = fields.Monetary(
        string="Amount (untaxed)",
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="The untaxed amount taken back, in the company's currency: by default the "
        "unit price of the order line (else of the invoice line) times the quantity.",
    )

    @api.depends("sale_line_id")
    def _compute_product_id(self):
        for line in self:
            if line.sale_line_id:
                line.product_id = line.sale_line_id.product_id

    @api.depends("sale_line_id", "move_id", "product_id", "quantity")
    def _compute_amount(self):
        for line in self:
            unit = line._unit_amount()
            if unit is not None:
                line.amount = line.currency_id.round(unit * line.quantity)
            else:
                line.amount = line.amount or 0.0

    def _unit_amount(self):
        """The untaxed unit price in the company's currency, from the order line (converted
        at the order's date) or else from the invoice's lines of the product; ``None``
        when there is nothing to take it from."""
        self.ensure_one()
        company = self.company_id or self.env.company
        order_line = self.sale_line_id
        if order_line and order_line.product_uom_qty:
            unit = order_line.price_subtotal / order_line.product_uom_qty
            return order_line.currency_id._convert(
                unit, company.currency_id, company, order_line.order_id.date_order
            )
        if self.move_id and self.product_id:
            invoiced = self.move_id.invoice_line_ids.filtered(
                lambda aml: aml.product_id == self.product_id and aml.quantity
            )
            quantity = sum(invoiced.mapped("quantity"))
            if quantity:
                # an invoice's product lines are credits: their balance, in the company's
                # currency, is negative
                return -sum(invoiced.mapped("balance")) / quantity
        return None

    @api.constrains("sale_line_id", "move_id", "quantity", "amount", "ticket_id", "product_id")
    def _check_documents(self):
        self._check_client_documents()
        for line in self:
            if not line.sale_line_id and not line.move_id:
                raise ValidationError(
                    self.env._(
                        "A returned item of ticket %(ticket)s needs its order line or its invoice.",
                        ticket=line.ticket_id.display_name,
                    )
                )
            if float_compare(line.quantity, 0.0, precision_digits=6) <= 0:
                raise ValidationError(
                    self.env._(
                        "The returned quantity of %(product)s must be above zero.",
                        product=line.product_id.display_name or line.ticket_id.display_name,
                    )
                )
            if line.currency_id.compare_amounts(line.amount, 0.0) < 0:
                raise ValidationError(
                    self.env._(
                        "The returned amount of %(product)s cannot be negative.",
                        product=line.product_id.display_name or line.ticket_id.display_name,
                    )
                )
        self._check_returned_quantities(self.sale_line_id)

    def _check_client_documents(self):
        """The order line and the invoice are the ticket's client's, in its company, and the
        invoice bills that order line when both are given."""
        for line in self:
            ticket = line.ticket_id
            client = ticket.commercial_partner_id
            client_name = client.display_name or self.env._("the ticket's client")
            order_line = line.sale_line_id
            if order_line and (
                order_line.order_id.partner_id.commercial_partner_id != client
                or order_line.company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The order line %(line)s is not a line of an order of %(client)s in "
                        "%(company)s.",
                        line=order_line.display_name,
                        client=client_name,
                        company=ticket.company_id.name,
                    )
                )
            move = line.move_id
            if move and (
                move.move_type != "out_invoice"
                or move.state != "posted"
                or move.commercial_partner_id != client
                or move.company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The invoice %(invoice)s is not a posted customer invoice of "
                        "%(client)s in %(company)s.",
                        invoice=move.display_name,
                        client=client_name,
                        company=ticket.company_id.name,
                    )
                )
            if order_line and move and move not in order_line.invoice_lines.move_id:
                raise ValidationError(
                    self.env._(
                        "The invoice %(invoice)s does not bill the order line %(line)s.",
                        invoice=move.display_name,
                        line=order_line.display_name,
                    )
                )
            if move and not order_line and line.product_id:
                invoiced = sum(
                    move.invoice_line_ids.filtered(
                        lambda aml, product=line.product_id: aml.product_id == product
                    ).mapped("quantity")
                )
                if float_compare(line.quantity, invoiced, precision_digits=6) > 0:
                    raise ValidationError(
                        self.env._(
                            "%(quantity)s of %(product)s are returned but the invoice "
                            "%(invoice)s bills %(invoiced)s.",
                            quantity=line.quantity,
                            product=line.product_id.display_name,
                            invoice=move.display_name,
                            invoiced=invoiced,
                        )
                    )

    def _check_returned_quantities(self, order_lines):
        """All the items returned on an order line, over every ticket, stay within the
        quantity ordered: one grouped query for all the order lines."""
        if not order_lines:
            return
        # sudo: the sum must count the returns of tickets the user may not see, and only
        # quantities per order line leave this check
        lines_sudo = self.sudo()
        returned = {
            order_line.id: quantity
            for order_line, quantity in lines_sudo._read_group(
                [("sale_line_id", "in", order_lines.ids)], ["sale_line_id"], ["quantity:sum"]
            )
        }
        for order_line in order_lines:
            total = returned.get(order_line.id, 0.0)
            if float_compare(total, order_line.product_uom_qty, precision_digits=6) > 0:
                raise ValidationError(
                    self.env._(
                        "%(returned)s of %(product)s are returned in all but the order "
                        "%(order)s has %(ordered)s.",
                        returned=total,
                        product=order_line.product_id.display_name,
                        order=order_line.order_id.name,
                        ordered=order_line.product_uom_qty,
                    )
                )
