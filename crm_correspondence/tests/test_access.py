from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="crm_correspondence_user",
            groups="crm_correspondence.crm_correspondence_group_user",
        )
        cls.employee = new_test_user(
            cls.env, login="crm_correspondence_employee", groups="base.group_user"
        )
        cls.root_menu = cls.env.ref("crm_correspondence.crm_correspondence_menu_root")

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_group_user_sees_the_app(self):
        self.assertIn(self.root_menu.id, self._visible_menu_ids(self.user))

    def test_employee_without_group_does_not_see_the_app(self):
        self.assertNotIn(self.root_menu.id, self._visible_menu_ids(self.employee))

    def test_administrator_implies_user(self):
        manager_group = self.env.ref("crm_correspondence.crm_correspondence_group_manager")
        self.assertIn(
            self.env.ref("crm_correspondence.crm_correspondence_group_user"),
            manager_group.trans_implied_ids,
        )
        self.assertIn(manager_group, self.env.ref("base.user_admin").groups_id)
