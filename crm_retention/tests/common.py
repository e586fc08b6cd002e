from odoo.tests import new_test_user

from odoo.addons.sale.tests.common import SaleCommon


class RetentionCase(SaleCommon):
    """Sale's test base (company in USD, products, a sales team) and the client base's
    roles, a salesperson and a sales manager."""

    @classmethod
    def default_env_context(cls):
        # the client base writes to the chatter (losses, hand-overs, overrides): keep
        # mail and tracking as in production instead of sale's test default
        return {}

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
