import threading
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestContactStandardBatches(RetentionCase):
    """The daily contact-standard job: started by relevant edits only, in batches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ContactStandard = cls.env["crm.contact.standard"]
        cls.Activity = cls.env["mail.activity"]
        cls.cron = cls.env.ref("crm_retention.ir_cron_contact_standards")
        cls.contact_type = cls.env.ref("crm_retention.mail_activity_type_contact")
        # only this tag's standard applies: demo standards and clients stay out of the way
        cls.ContactStandard.search([]).active = False
        cls.tag = cls.env["res.partner.category"].create({"name": "Checked shops"})
        cls.standard = cls.ContactStandard.create(
            {
                "name": "Shops: 4 a year",
                "category_ids": cls.tag.ids,
                "required_count": 4,
                "period": "year",
            }
        )
        cls.clients = cls.Partner.create(
            [
                {
                    "name": f"Shop {name}",
                    "is_company": True,
                    "user_id": cls.salesman.id,
                    "category_id": cls.tag.ids,
                }
                for name in ("Uglich", "Rostov", "Myshkin")
            ]
        )

    def _recount(self):
        with freeze_time("2026-11-22"):
            self.Partner._update_contact_figures()

    def _make_stale(self, partner, count):
        """Store a contact count that a recount would correct."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET contact_period_count = %s WHERE id = %s",
                count,
                partner.id,
            )
        )
        partner.invalidate_recordset(["contact_period_count"])

    def _triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])

    def _reminders(self):
        return self.Activity.search(
            [("res_model", "=", "res.partner"), ("activity_type_id", "=", self.contact_type.id)]
        )

    def _run_as_cron_worker(self, batch_size):
        """Run the job as the cron worker does (commits allowed), with the commits and
        recounts recorded instead of done for real; return (commit mock, recounted ids
        per call, progress record)."""
        Partner = type(self.Partner)
        recount = Partner._update_contact_figures
        recounted = []

        def record_recount(partner_model, partner_ids=None):
            recounted.append(list(partner_ids))
            return recount(partner_model, partner_ids)

        cron, progress = self.cron._add_progress()
        job = self.ContactStandard.with_context(cron_id=cron.id, ir_cron_progress_id=progress.id)
        with (
            patch.object(Partner, "_update_contact_figures", record_recount),
            patch.object(threading.current_thread(), "testing", False),
            patch.object(self.env.cr, "commit") as commit,
        ):
            job._cron_check_contact_standards(batch_size=batch_size)
        return commit, recounted, progress

    def test_rename_and_new_order_do_not_recount(self):
        self._recount()
        self._make_stale(self.clients[0], 7)
        triggers = self._triggers()
        self.standard.write({"name": "Shops: four a year"})
        self.standard.write({"sequence": 99})
        self.assertEqual(self.clients[0].contact_period_count, 7, "no recount in the request")
        self.assertEqual(self._triggers(), triggers, "the daily job is not started either")

    @freeze_time("2026-11-22 09:00:00")
    def test_relevant_changes_start_the_job_instead_of_recounting(self):
        other_tag = self.env["res.partner.category"].create({"name": "Other shops"})
        changes = [
            {"required_count": 6},
            {"period": "quarter"},
            {"category_ids": [(4, other_tag.id)]},
            {"role_ids": [(6, 0, self.role_client.ids)]},
            {"company_id": self.env.company.id},
            {"active": False},
        ]
        self._make_stale(self.clients[0], 7)
        for vals in changes:
            with self.subTest(vals=vals):
                triggers = self._triggers()
                self.standard.write(vals)
                started = self._triggers() - triggers
                self.assertEqual(len(started), 1)
                self.assertEqual(str(started.call_at), "2026-11-22 09:00:00")
                self.assertEqual(self.clients[0].contact_period_count, 7)
        # the job corrects what the edits left stale
        self.standard.active = True
        self.ContactStandard._cron_check_contact_standards()
        self.assertEqual(self.clients[0].contact_period_count, 0)

    @freeze_time("2026-11-22")
    def test_creating_or_deleting_a_standard_starts_the_job(self):
        triggers = self._triggers()
        standard = self.ContactStandard.create(
            {"name": "Prospects", "role_ids": self.role_prospect.ids, "required_count": 2}
        )
        self.assertEqual(len(self._triggers() - triggers), 1)
        triggers = self._triggers()
        standard.unlink()
        self.assertEqual(len(self._triggers() - triggers), 1)

    @freeze_time("2026-11-22")
    def test_three_overdue_clients_get_three_reminders_and_no_message(self):
        reminders = self._reminders()
        notifications = self.env["mail.notification"].search_count([])
        mails = self.env["mail.mail"].search_count([])
        messages = self.env["mail.message"].search_count(
            [("model", "=", "res.partner"), ("res_id", "in", self.clients.ids)]
        )
        self.ContactStandard._cron_check_contact_standards()
        new = self._reminders() - reminders
        # November 22nd is day 326 of 365: 4 x 326 / 365 = 3 contacts due, none made
        self.assertEqual(len(new), 3)
        self.assertEqual(sorted(new.mapped("res_id")), sorted(self.clients.ids))
        self.assertEqual(new.user_id, self.salesman)
        self.assertEqual(set(new.mapped("summary")), {"0 of 3 contacts due by now"})
        self.assertEqual(self.env["mail.notification"].search_count([]), notifications)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "res.partner"), ("res_id", "in", self.clients.ids)]
            ),
            messages,
        )
        self.ContactStandard._cron_check_contact_standards()
        self.assertEqual(self._reminders() - reminders, new, "a second run reminds nobody")

    @freeze_time("2026-11-22")
    def test_cron_worker_commits_every_batch_of_two(self):
        commercial = (
            self.Partner.with_context(active_test=False)
            .search([])
            .filtered(lambda partner: partner.commercial_partner_id == partner)
        )
        reminders = self._reminders()
        commit, recounted, progress = self._run_as_cron_worker(batch_size=2)
        self.assertTrue(all(1 <= len(ids) <= 2 for ids in recounted), recounted)
        self.assertEqual(sorted(i for ids in recounted for i in ids), sorted(commercial.ids))
        # one commit per recount batch, then 2 reminder batches for the 3 overdue clients
        recount_batches = (len(commercial) + 1) // 2
        self.assertEqual(len(recounted), recount_batches)
        self.assertEqual(commit.call_count, recount_batches + 2)
        self.assertEqual((progress.done, progress.remaining), (len(commercial) + 3, 0))
        self.assertEqual(len(self._reminders() - reminders), 3)

    @freeze_time("2026-11-22")
    def test_manual_run_never_commits(self):
        with (
            patch.object(threading.current_thread(), "testing", False),
            patch.object(self.env.cr, "commit") as commit,
        ):
            self.ContactStandard._cron_check_contact_standards(batch_size=2)
        commit.assert_not_called()
        self.assertTrue(all(self.clients.mapped("contact_overdue")))

    def test_recount_takes_the_scope_rule_from_the_shared_mixin(self):
        def nobody(model, scope_alias, partner_alias):
            return SQL("FALSE")

        with patch.object(type(self.ContactStandard), "_partner_scope_sql", nobody):
            self._recount()
        self.assertFalse(self.clients.contact_standard_id)
        self._recount()
        self.assertEqual(self.clients.contact_standard_id, self.standard)
