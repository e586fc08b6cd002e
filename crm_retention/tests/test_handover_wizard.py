from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

# Queries of one hand-over, whatever the number of records (see the query-count test).
HANDOVER_QUERIES = 67
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_activity_quick_update": True,
}


@tagged("post_install", "-at_install")
class TestHandoverWizard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Lead = cls.env["crm.lead"]
        cls.Order = cls.env["sale.order"]
        cls.Activity = cls.env["mail.activity"]
        cls.Wizard = cls.env["crm.handover.wizard"]
        cls.manager = new_test_user(
            cls.env, login="rt_handover_manager", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, login="rt_handover_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.colleague_a = new_test_user(
            cls.env, login="rt_colleague_a", groups="sales_team.group_sale_salesman"
        )
        cls.colleague_b = new_test_user(
            cls.env, login="rt_colleague_b", groups="sales_team.group_sale_salesman"
        )
        cls.leaver = new_test_user(
            cls.env, login="rt_leaver", groups="sales_team.group_sale_salesman"
        )
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        # 400 clients, 100 of their people, 300 leads, 200 quotations, 150 activities
        cls.clients, cls.people, cls.leads, cls.orders, cls.activities = cls._portfolio(
            cls.leaver, clients=400, people=100, leads=300, orders=200, activities=150
        )
        # what stays: a won deal, a confirmed order, another salesperson's client
        cls.won_lead = cls.Lead.create(
            {"name": "Won deal", "user_id": cls.leaver.id, "stage_id": cls.won_stage.id}
        )
        cls.confirmed_order = cls.Order.create(
            {"partner_id": cls.clients[0].id, "user_id": cls.leaver.id}
        )
        cls.confirmed_order.state = "sale"
        cls.foreign_client = cls.Partner.create({"name": "Not hers", "user_id": cls.salesman.id})

    @classmethod
    def _portfolio(cls, user, clients, people, leads, orders, activities):
        """Create a salesperson's book in a few batch queries."""
        login = user.login
        env = cls.env(context=dict(cls.env.context, **QUIET))
        companies = env["res.partner"].create(
            [
                {"name": f"{login} client {i:04d}", "is_company": True, "user_id": user.id}
                for i in range(clients)
            ]
        )
        persons = env["res.partner"].create(
            [
                {
                    "name": f"{login} person {i}",
                    "parent_id": companies[i % clients].id,
                    "user_id": user.id,
                }
                for i in range(people)
            ]
        )
        # two leads in three belong to a client, the others to nobody yet
        lead_records = env["crm.lead"].create(
            [
                {
                    "name": f"{login} lead {i}",
                    "user_id": user.id,
                    "partner_id": companies[i % clients].id if i % 3 else False,
                }
                for i in range(leads)
            ]
        )
        order_records = env["sale.order"].create(
            [{"partner_id": companies[i % clients].id, "user_id": user.id} for i in range(orders)]
        )
        documents = [companies, lead_records, order_records]
        activity_records = env["mail.activity"].create(
            [
                {
                    "res_model_id": cls.env["ir.model"]._get_id(documents[i % 3]._name),
                    "res_id": documents[i % 3][i // 3 % len(documents[i % 3])].id,
                    "user_id": user.id,
                    "summary": f"{login} activity {i}",
                }
                for i in range(activities)
            ]
        )
        return companies, persons, lead_records, order_records, activity_records

    def _owned(self, user):
        return {
            "res.partner": self.Partner.with_context(active_test=False).search_count(
                [("user_id", "=", user.id)]
            ),
            "crm.lead": self.Lead.search_count(
                [("user_id", "=", user.id), ("stage_id.is_won", "=", False)]
            ),
            "sale.order": self.Order.search_count(
                [("user_id", "=", user.id), ("state", "in", ("draft", "sent"))]
            ),
            "mail.activity": self.Activity.search_count([("user_id", "=", user.id)]),
        }

    def _wizard(self, leaver, *colleagues, **values):
        return self.Wizard.with_user(self.manager).create(
            {
                "from_user_id": leaver.id,
                "to_user_ids": [user.id for user in colleagues],
                **values,
            }
        )

    def test_everything_is_handed_over_and_nothing_is_lost(self):
        users = (self.leaver, self.colleague_a, self.colleague_b)
        before = {user: self._owned(user) for user in users}
        wizard = self._wizard(self.leaver, self.colleague_a, self.colleague_b)
        self.assertEqual(
            (wizard.partner_count, wizard.lead_count, wizard.order_count, wizard.activity_count),
            (500, 300, 200, 150),
        )
        wizard.action_handover()
        after = {user: self._owned(user) for user in users}
        self.assertEqual(after[self.leaver], dict.fromkeys(before[self.leaver], 0))
        for model, count in before[self.leaver].items():
            self.assertEqual(
                sum(after[user][model] for user in users),
                sum(before[user][model] for user in users),
                model,
            )
            self.assertEqual(
                after[self.colleague_a][model]
                - before[self.colleague_a][model]
                + after[self.colleague_b][model]
                - before[self.colleague_b][model],
                count,
                model,
            )
        # round robin: clients alternate, their people follow them
        self.assertEqual(
            after[self.colleague_a]["res.partner"] - before[self.colleague_a]["res.partner"], 250
        )
        self.assertEqual(
            after[self.colleague_b]["res.partner"] - before[self.colleague_b]["res.partner"], 250
        )
        self.assertEqual(
            (wizard.state, wizard.moved_partner_count, wizard.moved_lead_count,
             wizard.moved_order_count, wizard.moved_activity_count),
            ("done", 500, 300, 200, 150),
        )  # fmt: skip
        self.assertIn(self.colleague_a.name, wizard.summary)

    def test_leads_quotations_and_people_follow_their_client(self):
        self._wizard(self.leaver, self.colleague_a, self.colleague_b).action_handover()
        for person in self.people:
            self.assertEqual(person.user_id, person.parent_id.user_id)
        for record in [*self.leads.filtered("partner_id"), *self.orders]:
            self.assertEqual(record.user_id, record.partner_id.user_id, record.display_name)
        partner_activities = self.activities.filtered(lambda act: act.res_model == "res.partner")
        for activity in partner_activities:
            self.assertEqual(activity.user_id, self.Partner.browse(activity.res_id).user_id)

    def test_closed_deals_and_other_salespeople_keep_their_owner(self):
        self._wizard(self.leaver, self.colleague_a).action_handover()
        self.assertEqual(self.won_lead.user_id, self.leaver)
        self.assertEqual(self.confirmed_order.user_id, self.leaver)
        self.assertEqual(self.foreign_client.user_id, self.salesman)

    def test_every_moved_record_says_so_in_its_chatter(self):
        self._wizard(self.leaver, self.colleague_a, self.colleague_b).action_handover()
        Message = self.env["mail.message"]
        for records in (self.clients, self.people, self.leads, self.orders):
            logged = Message.search_count(
                [
                    ("model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("body", "ilike", f"Handed over from {self.leaver.name} to"),
                ]
            )
            self.assertEqual(logged, len(records), records._name)
        last = self.clients[1].message_ids[:1]
        self.assertIn(
            f"Handed over from {self.leaver.name} to {self.clients[1].user_id.name}.", last.body
        )

    def test_hand_over_costs_the_same_queries_for_6_and_30_clients(self):
        warm_up, warm_up_2, small, big = (
            new_test_user(self.env, login=login, groups="sales_team.group_sale_salesman")
            for login in ("rt_warm_up", "rt_warm_up_2", "rt_small", "rt_big")
        )
        # the ORM writes up to 100 rows per statement: both sizes fit in one such batch
        for user, size in ((warm_up, 6), (warm_up_2, 6), (small, 6), (big, 30)):
            self._portfolio(
                user, clients=size, people=size, leads=size, orders=size, activities=size * 3
            )
        wizards = {
            user: self._wizard(user, self.colleague_a, self.colleague_b)
            for user in (warm_up, warm_up_2, small, big)
        }
        # the first two hand-overs fill the caches (access rules, xml ids); all four take
        # the same path so that only the number of records differs
        counts = []
        for user in (warm_up, warm_up_2, small, big):
            wizard = wizards[user].with_user(self.manager)
            wizard.invalidate_recordset()
            self.env.flush_all()
            start = self.cr.sql_log_count
            with self.assertQueryCount(HANDOVER_QUERIES if user in (small, big) else 1000):
                wizard.action_handover()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(self._owned(user), dict.fromkeys(self._owned(user), 0))
        counts = counts[2:]
        self.assertEqual(counts[0], counts[1])

    def test_client_by_client_distribution_follows_the_chosen_colleague(self):
        leaver = new_test_user(
            self.env, login="rt_leaver_2", groups="sales_team.group_sale_salesman"
        )
        clients, _people, leads, _orders, _activities = self._portfolio(
            leaver, clients=3, people=0, leads=3, orders=0, activities=0
        )
        with Form(self.Wizard.with_user(self.manager)) as form:
            form.from_user_id = leaver
            form.to_user_ids.add(self.colleague_a)
            form.to_user_ids.add(self.colleague_b)
            form.distribution = "by_client"
            self.assertEqual(len(form.line_ids), 3)
            for index in range(3):
                with form.line_ids.edit(index) as line:
                    line.user_id = self.colleague_b
        form.record.action_handover()
        self.assertEqual(clients.user_id, self.colleague_b)
        self.assertEqual(leads.filtered("partner_id").user_id, self.colleague_b)

    def test_salesperson_cannot_hand_over(self):
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.salesman).create(
                {"from_user_id": self.leaver.id, "to_user_ids": [self.colleague_a.id]}
            )
        self.assertEqual(self.clients[0].user_id, self.leaver)

    def test_leaver_cannot_take_over_own_clients(self):
        with self.assertRaises(ValidationError):
            self._wizard(self.leaver, self.leaver, self.colleague_a)

    def test_hand_over_without_colleague_is_refused(self):
        wizard = self._wizard(self.leaver)
        with self.assertRaises(UserError):
            wizard.action_handover()
        self.assertEqual(self._owned(self.leaver)["res.partner"], 500)

    def _small_book(self, login, clients=2):
        leaver = new_test_user(self.env, login=login, groups="sales_team.group_sale_salesman")
        book = self._portfolio(leaver, clients=clients, people=0, leads=0, orders=0, activities=0)
        return leaver, book[0]

    def test_client_by_client_before_any_colleague_does_not_crash(self):
        leaver, clients = self._small_book("rt_leaver_f6")
        form = Form(self.Wizard.with_user(self.manager))
        form.from_user_id = leaver
        form.distribution = "by_client"
        # no colleague yet: one line per client, nobody chosen (the form is not saved)
        lines = form.line_ids._records
        self.assertEqual({line["partner_id"] for line in lines}, set(clients.ids))
        self.assertEqual([line["user_id"] for line in lines], [False, False])

    def test_partner_the_manager_may_not_write_is_refused(self):
        leaver, clients = self._small_book("rt_leaver_b1")
        locked = clients[0]
        self.env["ir.rule"].create(
            {
                "name": "Managers may not write one client",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "groups": [Command.link(self.env.ref("sales_team.group_sale_manager").id)],
                "domain_force": f"[('id', '!=', {locked.id})]",
                "perm_read": False,
                "perm_write": True,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        wizard = self._wizard(leaver, self.colleague_a)
        with self.assertRaises(AccessError):
            wizard.action_handover()
        self.env.invalidate_all()
        self.assertEqual(clients.user_id, leaver)

    def test_activities_of_another_company_stay_with_the_leaver(self):
        company_a = self.env.company
        company_b = self.env["res.company"].create({"name": "Handover Company B"})
        leaver, clients = self._small_book("rt_leaver_a4")
        leaver.company_ids = company_a | company_b
        manager = new_test_user(
            self.env,
            login="rt_handover_manager_a",
            groups="sales_team.group_sale_manager",
            company_id=company_a.id,
            company_ids=[Command.set(company_a.ids)],
        )
        foreign = self.Partner.create(
            {"name": "Company B client", "company_id": company_b.id, "user_id": self.salesman.id}
        )
        foreign_activity, own_activity = self.Activity.with_context(**QUIET).create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "user_id": leaver.id,
                    "summary": "Call back",
                }
                for partner in (foreign, clients[0])
            ]
        )
        wizard = self.Wizard.with_user(manager).create(
            {"from_user_id": leaver.id, "to_user_ids": [self.colleague_a.id]}
        )
        self.assertEqual(wizard.activity_count, 1)
        wizard.action_handover()
        self.assertEqual(foreign_activity.user_id, leaver)
        self.assertEqual(own_activity.user_id, self.colleague_a)
        self.assertEqual(wizard.moved_activity_count, 1)
        logged = self.env["mail.message"].search_count(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", foreign.id),
                ("body", "ilike", "handed over"),
            ]
        )
        self.assertEqual(logged, 0)

    def test_line_to_a_portal_user_is_refused(self):
        leaver, clients = self._small_book("rt_leaver_portal")
        portal = new_test_user(self.env, login="rt_handover_portal", groups="base.group_portal")
        wizard = self._wizard(leaver, self.colleague_a, distribution="by_client")
        self.assertEqual(len(wizard.line_ids), 2)
        wizard.write({"line_ids": [Command.update(wizard.line_ids[0].id, {"user_id": portal.id})]})
        with self.assertRaisesRegex(UserError, "not among the colleagues"):
            wizard.action_handover()
        self.assertEqual(clients.user_id, leaver)
        self.assertEqual(wizard.state, "draft")

    def test_portal_colleague_is_refused(self):
        leaver, clients = self._small_book("rt_leaver_portal_2")
        portal = new_test_user(self.env, login="rt_handover_portal_2", groups="base.group_portal")
        wizard = self._wizard(leaver, self.colleague_a)
        wizard.write({"to_user_ids": [Command.link(portal.id)]})
        with self.assertRaisesRegex(UserError, "choose an internal user"):
            wizard.action_handover()
        self.assertEqual(clients.user_id, leaver)

    def test_summary_is_sanitized(self):
        wizard = self._wizard(self.leaver, self.colleague_a)
        wizard.write({"summary": "<script>alert(1)</script><p>x</p>"})
        self.assertNotIn("script", wizard.summary)
        self.assertIn("<p>x</p>", wizard.summary)
