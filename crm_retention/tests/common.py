from odoo.tests import TransactionCase, new_test_user


class RetentionCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Standard = cls.env["crm.data.standard"]
        cls.role_client = cls.env.ref("crm_retention.crm_relationship_role_client")
        cls.role_prospect = cls.env.ref("crm_retention.crm_relationship_role_prospect")
        cls.salesman = new_test_user(
            cls.env, login="rt_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.sales_manager = new_test_user(
            cls.env, login="rt_manager", groups="sales_team.group_sale_manager"
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Oak wardrobe", "list_price": 800.0, "type": "consu"}
        )
        # Other features are tested without the demo minimum order amount (R5).
        cls.env.ref("base.main_company").minimum_order_amount = 0

    @classmethod
    def _field(cls, name):
        return cls.env["ir.model.fields"]._get("res.partner", name)

    def _confirmed_order(self, partner, date_order=None, qty=1):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": qty}),
                ],
                **({"date_order": date_order} if date_order else {}),
            }
        )
        order.action_confirm()
        if date_order:
            # action_confirm stamps date_order with now: put the history back
            order.date_order = date_order
            partner.commercial_partner_id._update_first_order_date()
        return order
