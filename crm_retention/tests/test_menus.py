from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestClientBaseMenu(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="rt_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.employee = new_test_user(
            cls.env, login="rt_employee", groups="base.group_user"
        )
        cls.menu = cls.env.ref("crm_retention.res_partner_menu_clients")

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_salesperson_sees_client_base_menu(self):
        self.assertIn(self.menu.id, self._visible_menu_ids(self.salesman))

    def test_plain_employee_does_not_see_client_base_menu(self):
        self.assertNotIn(self.menu.id, self._visible_menu_ids(self.employee))

    def test_clients_action_lists_customers_only(self):
        customer = self.env["res.partner"].create({"name": "Buyer", "customer_rank": 1})
        vendor = self.env["res.partner"].create({"name": "Maker", "supplier_rank": 1})
        action = self.env.ref("crm_retention.res_partner_action_clients")
        found = self.env["res.partner"].search(safe_eval(action.domain))
        self.assertIn(customer, found)
        self.assertNotIn(vendor, found)
