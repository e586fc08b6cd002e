from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestClientChurn(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Loss = cls.env["crm.client.loss"]
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Price war"})
        cls.competitor = cls.Partner.create(
            {
                "name": "Cheap Sofas Ltd",
                "is_company": True,
                "relationship_role_ids": cls.env.ref(
                    "crm_retention.crm_relationship_role_competitor"
                ).ids,
            }
        )
        cls.client = cls.Partner.create(
            {
                "name": "Volga Wholesale",
                "is_company": True,
                "user_id": cls.salesman.id,
                "relationship_role_ids": cls.role_client.ids,
            }
        )
        cls.contact = cls.Partner.create({"name": "Pavel Orlov", "parent_id": cls.client.id})
        cls.today = fields.Date.context_today(cls.Partner)

    def _wizard(self, partners, user=None):
        Wizard = self.env["res.partner.mark.lost"].with_context(
            active_model="res.partner", active_ids=partners.ids
        )
        return Form(Wizard.with_user(user) if user else Wizard)

    def _mark_lost(self, partners, user=None, **values):
        form = self._wizard(partners, user)
        form.lost_reason_id = values.get("reason", self.reason)
        if values.get("competitor"):
            form.competitor_id = values["competitor"]
        if values.get("note"):
            form.note = values["note"]
        if values.get("date"):
            form.date = values["date"]
        return form.save().action_mark_lost()

    def test_wizard_marks_the_client_lost_with_reason_competitor_and_note(self):
        self._mark_lost(self.client, competitor=self.competitor, note="12% cheaper sofas")
        self.assertTrue(self.client.is_lost)
        self.assertEqual(self.client.lost_date, self.today)
        self.assertEqual(self.client.lost_reason_id, self.reason)
        self.assertEqual(self.client.lost_competitor_id, self.competitor)
        self.assertEqual(self.client.lost_note, "12% cheaper sofas")
        loss = self.Loss.search([("partner_id", "=", self.client.id)])
        self.assertEqual(len(loss), 1)
        self.assertEqual(
            (loss.lost_reason_id, loss.competitor_id, loss.user_id),
            (self.reason, self.competitor, self.salesman),
        )

    def test_loss_is_told_in_the_chatter(self):
        self._mark_lost(self.client, competitor=self.competitor)
        message = self.client.message_ids[:1]
        self.assertIn("Price war", message.body)
        self.assertIn("Cheap Sofas Ltd", message.body)

    def test_wizard_date_defaults_to_today(self):
        self.assertEqual(self._wizard(self.client).date, self.today)

    def test_marking_a_contact_marks_its_company_lost(self):
        self._mark_lost(self.contact)
        self.assertTrue(self.client.is_lost)
        self.assertFalse(self.contact.is_lost)

    def test_salesperson_can_mark_a_client_lost(self):
        self._mark_lost(self.client, user=self.salesman)
        self.assertTrue(self.client.is_lost)

    def test_future_loss_date_is_refused_and_nothing_changes(self):
        with self.assertRaises(UserError):
            self._mark_lost(self.client, date=self.today + timedelta(days=3))
        self.assertFalse(self.client.is_lost)
        self.assertFalse(self.Loss.search([("partner_id", "=", self.client.id)]))

    def test_lost_to_a_partner_without_competitor_role_is_refused(self):
        with self.assertRaises(UserError) as refusal:
            self._mark_lost(self.client, competitor=self.contact)
        self.assertIn("Pavel Orlov", str(refusal.exception))
        self.assertFalse(self.client.is_lost)

    def test_missing_reason_is_refused(self):
        with self.assertRaises(UserError):
            self.client._mark_lost(self.env["crm.lost.reason"])
        self.assertFalse(self.client.is_lost)

    def test_lost_client_cannot_be_lost_twice(self):
        self._mark_lost(self.client)
        with self.assertRaises(UserError):
            self._mark_lost(self.client)
        self.assertEqual(self.Loss.search_count([("partner_id", "=", self.client.id)]), 1)

    def _client_list(self):
        """Clients shown by the Clients menu with its default filters."""
        action = self.env.ref("crm_retention.res_partner_action_role_client")
        context = safe_eval(action.context, {"uid": self.env.uid})
        arch = etree.fromstring(self.Partner.get_view(view_type="search")["arch"])
        domain = safe_eval(action.domain)
        for name, value in context.items():
            if name.startswith("search_default_") and value:
                node = arch.find(f".//filter[@name='{name[15:]}']")
                domain += safe_eval(node.get("domain"))
        return self.Partner.search(domain)

    def _lost_filter_domain(self):
        arch = etree.fromstring(self.Partner.get_view(view_type="search")["arch"])
        return safe_eval(arch.find(".//filter[@name='lost']").get("domain"))

    def test_lost_client_leaves_the_client_list_but_the_lost_filter_finds_it(self):
        self.assertIn(self.client, self._client_list())
        self._mark_lost(self.client)
        self.assertNotIn(self.client, self._client_list())
        self.assertIn(self.client, self.Partner.search(self._lost_filter_domain()))

    def test_reactivation_clears_the_lost_state_and_keeps_the_loss(self):
        self._mark_lost(self.client, competitor=self.competitor)
        self.client.with_user(self.salesman).action_reactivate()
        self.assertFalse(self.client.is_lost)
        self.assertFalse(self.client.lost_reason_id)
        self.assertFalse(self.client.lost_competitor_id)
        loss = self.Loss.search([("partner_id", "=", self.client.id)])
        self.assertEqual(loss.reactivation_date, self.today)
        self.assertEqual(loss.reactivated_by_id, self.salesman)
        self.assertEqual(loss.lost_reason_id, self.reason)
        self.assertIn(self.client, self._client_list())

    def test_reactivation_is_told_in_the_chatter_after_the_loss(self):
        self._mark_lost(self.client, competitor=self.competitor)
        self.client.with_user(self.salesman).action_reactivate()
        reactivated, lost = self.client.message_ids[:2]
        self.assertIn(f"reactivated by {self.salesman.name}", reactivated.body)
        self.assertIn("Price war", lost.body)

    def test_reactivating_an_active_client_is_refused(self):
        with self.assertRaises(UserError):
            self.client.action_reactivate()

    def test_salesperson_reads_only_losses_of_own_clients(self):
        colleague = new_test_user(
            self.env, login="rt_colleague", groups="sales_team.group_sale_salesman"
        )
        other = self.Partner.create(
            {"name": "Colleague's Client", "is_company": True, "user_id": colleague.id}
        )
        self._mark_lost(self.client | other)
        losses = self.Loss.search([("partner_id", "in", (self.client | other).ids)])
        visible = self.Loss.with_user(self.salesman).search([("id", "in", losses.ids)])
        self.assertEqual(visible.partner_id, self.client)
        foreign = losses.filtered(lambda loss: loss.partner_id == other)
        with self.assertRaises(AccessError):
            foreign.with_user(self.salesman).read(["lost_reason_id"])

    def test_marking_many_clients_lost_runs_a_constant_number_of_queries(self):
        clients = self.Partner.create(
            [{"name": f"Client {i}", "is_company": True, "user_id": self.salesman.id}
             for i in range(11)]
        )  # fmt: skip
        # warm the registry caches with the same kind of call as the measured ones
        clients[:1]._mark_lost(self.reason, competitor=self.competitor, note="Gone")
        self.env.flush_all()

        def count(partners):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners._mark_lost(self.reason, competitor=self.competitor, note="Gone")
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(clients[1:2]), count(clients[2:]))
