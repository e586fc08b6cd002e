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
        cls.employee = new_test_user(cls.env, login="rt_employee", groups="base.group_user")
        cls.menu = cls.env.ref("crm_retention.res_partner_menu_role_client")

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_salesperson_sees_client_base_menu(self):
        self.assertIn(self.menu.id, self._visible_menu_ids(self.salesman))

    def test_plain_employee_does_not_see_client_base_menu(self):
        self.assertNotIn(self.menu.id, self._visible_menu_ids(self.employee))

    def test_each_role_menu_lists_only_partners_of_that_role(self):
        Partner = self.env["res.partner"]
        for code in ("client", "prospect", "supplier", "partner", "competitor"):
            role = self.env.ref(f"crm_retention.crm_relationship_role_{code}")
            holder = Partner.create({"name": f"Holder {code}", "relationship_role_ids": role.ids})
            stranger = Partner.create({"name": f"Stranger {code}"})
            action = self.env.ref(f"crm_retention.res_partner_action_role_{code}")
            found = Partner.search(safe_eval(action.domain))
            self.assertIn(holder, found, code)
            self.assertNotIn(stranger, found, code)
            self.assertEqual(safe_eval(action.context)["default_relationship_role_ids"], role.ids)
