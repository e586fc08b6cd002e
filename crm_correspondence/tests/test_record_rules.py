from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GROUP_MANAGER, GROUP_USER, CorrespondenceCase


@tagged("post_install", "-at_install")
class TestRecordRules(CorrespondenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a letter of Dmitry's client, handled by Dmitry
        cls.dmitry_item = cls._create_item(
            subject="Sofa retail claim",
            partner_id=cls.other_client.id,
            user_id=cls.user_dmitry.id,
        )
        cls.company_b = cls.env["res.company"].create({"name": "Salon Rybinsk"})
        cls.manager_b = new_test_user(
            cls.env,
            login="corr_manager_b",
            groups=GROUP_MANAGER,
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def test_user_cannot_read_an_item_of_another_salespersons_client(self):
        item = self.dmitry_item.with_user(self.user_marina)
        with self.assertRaises(AccessError):
            item.read(["subject"])
        self.assertFalse(
            self.env["crm.correspondence"]
            .with_user(self.user_marina)
            .search([("id", "=", self.dmitry_item.id)])
        )

    def test_salesperson_reads_items_of_own_client_handled_by_someone_else(self):
        item = self._create_item(subject="For Marina's client", user_id=self.user_petr.id)
        self.assertEqual(
            item.with_user(self.user_marina).read(["subject"])[0]["subject"],
            "For Marina's client",
        )

    def test_team_leader_reads_items_of_team_members_clients(self):
        leader = new_test_user(self.env, login="corr_leader", groups=GROUP_USER)
        self.env["crm.team"].create(
            {
                "name": "Wholesale",
                "user_id": leader.id,
                "crm_team_member_ids": [(0, 0, {"user_id": self.user_dmitry.id})],
            }
        )
        self.assertEqual(self.user_dmitry.sale_team_id.user_id, leader)
        self.assertEqual(
            self.dmitry_item.with_user(leader).read(["subject"])[0]["subject"],
            "Sofa retail claim",
        )

    def test_manager_reads_every_item_of_the_company(self):
        self.assertEqual(
            self.dmitry_item.with_user(self.user_petr).read(["subject"])[0]["subject"],
            "Sofa retail claim",
        )

    def test_user_of_another_company_cannot_read_the_item(self):
        with self.assertRaises(AccessError):
            self.dmitry_item.with_user(self.manager_b).read(["subject"])

    def test_portal_user_has_no_access_to_correspondence(self):
        portal = new_test_user(self.env, login="corr_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["crm.correspondence"].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.dmitry_item.with_user(portal).read(["subject"])
