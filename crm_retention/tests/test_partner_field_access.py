from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RetentionCase

# Client-base fields a portal user must not read on their own company (audit A2).
INTERNAL_FIELDS = [
    "relationship_role_ids",
    "annual_turnover",
    "company_history",
    "development_plans",
    "personal_preferences",
    "birthday",
    "data_missing_fields",
    "contact_overdue",
    "sales_plan_id",
    "is_lost",
    "lost_reason_id",
    "lost_competitor_id",
    "lost_note",
]


@tagged("post_install", "-at_install")
class TestPartnerFieldAccess(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.Partner.create(
            {
                "name": "Lost Furniture Ltd",
                "is_company": True,
                "development_plans": "Open a second shop",
                "user_id": cls.salesman.id,
            }
        )
        cls.colleague = cls.Partner.create(
            {
                "name": "Irina Colleague",
                "parent_id": cls.client.id,
                "birthday": "1980-05-04",
                "personal_preferences": "Fishing",
            }
        )
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})
        cls.client._mark_lost(cls.reason, note="Went to the hypermarket for the price")
        cls.portal = new_test_user(cls.env, login="rt_portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.client

    def test_portal_user_reads_the_name_but_not_the_client_base_fields(self):
        partners = (self.client | self.colleague).with_user(self.portal)
        self.assertEqual(
            partners.read(["name"]),
            [
                {"id": self.client.id, "name": "Lost Furniture Ltd"},
                {"id": self.colleague.id, "name": "Irina Colleague"},
            ],
        )
        for fname in INTERNAL_FIELDS:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                partners.read([fname])

    def test_employees_still_read_them(self):
        values = self.client.with_user(self.salesman).read(["lost_note", "development_plans"])[0]
        self.assertEqual(values["lost_note"], "Went to the hypermarket for the price")
        self.assertEqual(values["development_plans"], "Open a second shop")


@tagged("post_install", "-at_install")
class TestSystemFields(RetentionCase):
    """Fields the client base maintains cannot be written by hand, RPC included (A6)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.Partner.create(
            {"name": "Scored Client", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.env.cr.execute(
            "UPDATE res_partner SET data_completeness = 40 WHERE id = %s", [cls.client.id]
        )
        cls.client.invalidate_recordset(["data_completeness"])

    def test_salesperson_cannot_set_the_completeness_score(self):
        with self.assertRaises(AccessError) as refusal:
            self.client.with_user(self.salesman).write({"data_completeness": 100})
        self.assertIn("Data Completeness (%)", str(refusal.exception))
        self.client.invalidate_recordset()
        self.assertEqual(self.client.data_completeness, 40)

    def test_salesperson_cannot_flip_lost_without_a_loss_record(self):
        with self.assertRaises(AccessError):
            self.client.with_user(self.salesman).write({"is_lost": True, "name": "Renamed"})
        self.client.invalidate_recordset()
        self.assertFalse(self.client.is_lost)
        self.assertEqual(self.client.name, "Scored Client")

    def test_a_context_key_from_the_caller_does_not_unlock_them(self):
        # any JSON or XML-RPC caller can send context keys: none of them opens the door
        partner = self.client.with_user(self.salesman).with_context(crm_retention_system_write=True)
        with self.assertRaises(AccessError):
            partner.write({"first_order_date": "2020-01-01"})

    def test_ordinary_fields_are_written_as_before(self):
        self.client.with_user(self.salesman).write({"employee_count": 12})
        self.assertEqual(self.client.size_band, "small")

    def test_merging_partners_copies_the_first_order_date(self):
        older = self.Partner.create({"name": "Scored Client (old)", "is_company": True})
        self._confirmed_order(older, date_order="2021-03-04 10:00:00")
        self.assertEqual(str(older.first_order_date), "2021-03-04")
        admin = self.env.ref("base.user_admin")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(admin)
            .create(
                {
                    "partner_ids": [(6, 0, (older | self.client).ids)],
                    "dst_partner_id": self.client.id,
                }
            )
        )
        wizard.action_merge()
        self.assertFalse(older.exists())
        self.assertEqual(str(self.client.first_order_date), "2021-03-04")
