"""Churn history cannot be bypassed, forged or erased (audit A5, A7, A11, E2, E4, C4 and
the lead marked lost over the external API)."""

from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestChurnIntegrity(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Loss = cls.env["crm.client.loss"]
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Price war"})
        cls.role_competitor = cls.env.ref("crm_retention.crm_relationship_role_competitor")
        cls.competitor = cls.Partner.create(
            {
                "name": "Cheap Sofas Ltd",
                "is_company": True,
                "relationship_role_ids": cls.role_competitor.ids,
            }
        )
        cls.client = cls.Partner.create(
            {"name": "Volga Wholesale", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.employee = new_test_user(cls.env, login="rt_employee", groups="base.group_user")
        cls.today = fields.Date.context_today(cls.Partner)

    # -- leads -----------------------------------------------------------------------------
    def _lead(self, **values):
        return self.env["crm.lead"].create(
            {"name": "Hotel lobby furniture", "type": "opportunity", **values}
        )

    def test_set_lost_without_a_reason_is_refused_outside_the_wizard_too(self):
        lead = self._lead()
        # what an integration calls over XML-RPC: crm.lead.action_set_lost([id])
        with self.assertRaises(UserError) as refusal:
            lead.with_user(self.salesman).action_set_lost()
        self.assertIn("lost reason", str(refusal.exception))
        self.assertTrue(lead.active)
        self.assertNotEqual(lead.probability, 0)

    def test_set_lost_with_a_reason_marks_the_lead_lost(self):
        lead = self._lead()
        lead.action_set_lost(lost_reason_id=self.reason.id)
        self.assertFalse(lead.active)
        self.assertEqual((lead.probability, lead.lost_reason_id), (0, self.reason))

    def test_a_lead_lost_again_without_a_competitor_drops_the_old_one(self):
        lead = self._lead()
        wizard = self.env["crm.lead.lost"].create(
            {
                "lead_ids": lead.ids,
                "lost_reason_id": self.reason.id,
                "lost_competitor_id": self.competitor.id,
            }
        )
        wizard.action_lost_reason_apply()
        self.assertEqual(lead.lost_competitor_id, self.competitor)
        lead.action_unarchive()
        self.env["crm.lead.lost"].create(
            {"lead_ids": lead.ids, "lost_reason_id": self.reason.id}
        ).action_lost_reason_apply()
        self.assertFalse(lead.lost_competitor_id)

    # -- client losses ---------------------------------------------------------------------
    def test_an_employee_without_sales_rights_cannot_reactivate_a_client(self):
        self.client._mark_lost(self.reason)
        with self.assertRaises(AccessError):
            self.client.with_user(self.employee).action_reactivate()
        self.assertTrue(self.client.is_lost)
        self.assertFalse(self.Loss.search([("partner_id", "=", self.client.id)]).reactivation_date)

    def test_salespeople_record_losses_through_the_wizard_but_cannot_forge_them(self):
        values = {
            "partner_id": self.client.id,
            "lost_reason_id": self.reason.id,
            "user_id": self.sales_manager.id,
        }
        with self.assertRaises(AccessError):
            self.Loss.with_user(self.salesman).create(values)
        self.env["res.partner.mark.lost"].with_user(self.salesman).create(
            {"partner_ids": self.client.ids, "lost_reason_id": self.reason.id}
        ).action_mark_lost()
        loss = self.Loss.search([("partner_id", "=", self.client.id)])
        self.assertEqual(loss.user_id, self.salesman, "the loss is the client's salesperson's")

    def test_a_loss_cannot_be_dated_in_the_future(self):
        with self.assertRaises(ValidationError):
            self.Loss.create(
                {
                    "partner_id": self.client.id,
                    "lost_reason_id": self.reason.id,
                    "date": self.today + timedelta(days=3),
                }
            )

    def test_a_client_with_a_loss_history_cannot_be_deleted(self):
        self.client._mark_lost(self.reason)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.client.unlink()
        self.env.invalidate_all()
        self.assertTrue(self.client.exists())
        self.assertEqual(self.Loss.search_count([("partner_id", "=", self.client.id)]), 1)

    def test_a_competitor_of_another_company_is_refused_on_a_loss(self):
        other = self.env["res.company"].create({"name": "Other Salon"})
        foreign = self.Partner.create(
            {
                "name": "Foreign Sofas",
                "is_company": True,
                "company_id": other.id,
                "relationship_role_ids": self.role_competitor.ids,
            }
        )
        company = self.env.ref("base.main_company")
        with self.assertRaises(UserError):
            self.Loss.create(
                {
                    "partner_id": self.client.id,
                    "lost_reason_id": self.reason.id,
                    "competitor_id": foreign.id,
                    "company_id": company.id,
                }
            )

    # -- relationship roles ----------------------------------------------------------------
    def test_the_roles_the_module_relies_on_cannot_be_deleted_or_recoded(self):
        manager_roles = self.env["crm.relationship.role"].with_user(self.sales_manager)
        competitor = manager_roles.browse(self.role_competitor.id)
        with self.assertRaises(UserError):
            competitor.unlink()
        with self.assertRaises(UserError):
            competitor.write({"code": "rival"})
        self.assertEqual(self.role_competitor.code, "competitor")
        # renaming is fine, and other roles stay free to delete
        competitor.write({"name": "Rival"})
        extra = manager_roles.create({"name": "Agent", "code": "agent"})
        extra.unlink()
        self.assertFalse(extra.exists())

    # -- profile dates ---------------------------------------------------------------------
    def test_birthday_and_founding_date_cannot_be_in_the_future(self):
        tomorrow = self.today + timedelta(days=1)
        with self.assertRaises(ValidationError):
            self.client.founding_date = tomorrow
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Not born yet", "birthday": tomorrow})
