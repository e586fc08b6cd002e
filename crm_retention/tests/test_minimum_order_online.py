"""Minimum order amounts and the customer portal: signature and online payment (audit E1)."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from ..models.sale_order_minimum_order import ONLINE_COMMITMENT_KEY, online_commitment
from .common import RetentionCase

CUSTOMER_MESSAGE = (
    "This order cannot be confirmed online. Your salesperson will get back to you about it."
)


@tagged("post_install", "-at_install")
class TestMinimumOrderOnline(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.company.minimum_order_amount = 1000
        cls.tag = cls.env["res.partner.category"].create(
            {"name": "Secret wholesale tier", "minimum_order_amount": 3000}
        )
        cls.client = cls.Partner.create({"name": "Portal Client", "is_company": True})
        cls.buyer = cls.Partner.create(
            {"name": "Irina Buyer", "email": "irina@example.com", "parent_id": cls.client.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="rt_portal_buyer",
            groups="base.group_portal",
            partner_id=cls.buyer.id,
            name=cls.buyer.name,
            email=cls.buyer.email,
        )
        # one earlier order above every minimum: no trial order left for this client
        cls._quotation(cls.client, qty=10).action_confirm()

    @classmethod
    def _quotation(cls, partner, qty=1, **values):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": qty})
                ],
                **values,
            }
        )

    def _portal_quotation(self, qty=1):
        """A quotation sent to the buyer, to sign and pay online: 800 per unit."""
        quotation = self._quotation(
            self.buyer, qty=qty, require_signature=True, require_payment=True
        )
        quotation.message_subscribe(self.buyer.ids)  # as sending it does: the buyer reads it
        return quotation

    def _as_portal(self, order):
        """The order as the portal controllers hold it: the customer's user, in sudo."""
        return order.with_user(self.portal_user).sudo()

    def _review_activities(self, order):
        return order.activity_ids.filtered(
            lambda a: a.summary == "Confirmed online below the minimum order amount"
        )

    # the portal offers neither signature nor payment below the minimum

    def test_portal_offers_no_signature_or_payment_below_the_minimum(self):
        order = self._as_portal(self._portal_quotation())  # 800 < 1,000
        self.assertFalse(order._has_to_be_signed())
        self.assertFalse(order._has_to_be_paid())
        self.assertTrue(order._minimum_order_portal_note())

    def test_portal_offers_signature_and_payment_again_above_the_minimum(self):
        quotation = self._portal_quotation()
        quotation.order_line.product_uom_qty = 2  # 1,600
        order = self._as_portal(quotation)
        self.assertTrue(order._has_to_be_signed())
        self.assertTrue(order._has_to_be_paid())
        self.assertFalse(order._minimum_order_portal_note())

    def test_trial_order_of_a_new_client_can_be_signed_and_paid(self):
        newcomer = self.Partner.create({"name": "Newcomer", "is_company": True})
        quotation = self._quotation(newcomer, require_signature=True, require_payment=True)
        self.assertTrue(quotation._has_to_be_signed())
        self.assertTrue(quotation._has_to_be_paid())

    def test_quotation_without_online_acceptance_shows_no_note(self):
        quotation = self._quotation(self.buyer, require_signature=False, require_payment=False)
        self.assertFalse(self._as_portal(quotation)._minimum_order_portal_note())

    # a customer who committed nonetheless gets the order confirmed

    def test_signed_quotation_below_the_minimum_is_confirmed_for_review(self):
        quotation = self._portal_quotation()
        # as the portal controller does once the signature is saved
        self._as_portal(quotation)._validate_order()
        self.assertEqual(quotation.state, "sale")
        activity = self._review_activities(quotation)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("800.00", str(activity.note))
        self.assertIn("1,000.00", str(activity.note))
        self.assertIn(f"the company {self.company.name}", str(activity.note))

    def test_confirmed_online_order_without_salesperson_goes_to_a_sales_manager(self):
        quotation = self._portal_quotation()
        quotation.write({"user_id": False, "team_id": False})
        self._as_portal(quotation)._validate_order()
        self.assertEqual(quotation.state, "sale")
        activity = self._review_activities(quotation)
        self.assertEqual(len(activity), 1)
        # the first active internal sales manager of the company: the administrator
        self.assertEqual(activity.user_id, self.env.ref("base.user_admin"))

    def test_signed_quotation_above_the_minimum_needs_no_review(self):
        quotation = self._portal_quotation(qty=2)
        self._as_portal(quotation)._validate_order()
        self.assertEqual(quotation.state, "sale")
        self.assertFalse(self._review_activities(quotation))

    def _dummy_provider(self):
        """A payment provider without any provider module, as payment's own tests use."""
        method = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create(
            {
                "name": "Dummy Provider",
                "code": "none",
                "state": "test",
                "is_published": True,
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
        method.active = True  # once a provider supports it
        # the accounting side of the payment: a payment method of the provider's code on a
        # bank journal, as account_payment's own tests set it up
        Method = self.env.registry["account.payment.method"]
        method_information = Method._get_payment_method_information

        def with_dummy_code(model):
            return dict(method_information(model), none={"mode": "electronic", "type": ("bank",)})

        with patch.object(Method, "_get_payment_method_information", with_dummy_code):
            self.env["account.payment.method"].create(
                {"name": "Dummy method", "code": "none", "payment_type": "inbound"}
            )
            provider.journal_id = self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
            )
        return provider

    def test_paid_quotation_below_the_minimum_is_confirmed_for_review(self):
        quotation = self._portal_quotation()
        provider = self._dummy_provider()
        # sudo: as the portal payment route creates it for the customer
        transaction = (
            self.env["payment.transaction"]
            .with_user(self.portal_user)
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids.id,
                    "reference": f"{quotation.name}-online",
                    "amount": quotation.amount_total,
                    "currency_id": quotation.currency_id.id,
                    "partner_id": quotation.partner_invoice_id.id,
                    "operation": "online_direct",
                    "sale_order_ids": [Command.set(quotation.ids)],
                }
            )
        )
        transaction._set_done()
        transaction._post_process()
        self.assertTrue(transaction.is_post_processed)
        self.assertEqual(quotation.state, "sale")
        activity = self._review_activities(quotation)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)

    # nobody else can claim the customer's commitment

    def test_salesperson_cannot_claim_an_online_commitment_through_the_context(self):
        quotation = self._portal_quotation()
        for value in (True, 1, [quotation.id], {"order_ids": [quotation.id]}, "signed"):
            with self.subTest(value=value), self.assertRaises(UserError):
                quotation.with_user(self.salesman).with_context(
                    **{ONLINE_COMMITMENT_KEY: value}
                ).action_confirm()
        self.assertEqual(quotation.state, "draft")
        self.assertFalse(quotation.activity_ids)

    def test_online_commitment_covers_only_the_committed_orders(self):
        signed = self._portal_quotation()
        other = self._portal_quotation()
        with self.assertRaises(UserError) as refusal:
            online_commitment(signed | other, signed).action_confirm()
        self.assertIn(other.name, str(refusal.exception))
        self.assertNotIn(signed.name, str(refusal.exception))
        self.assertEqual((signed | other).mapped("state"), ["draft", "draft"])

    # customers never read the internal thresholds

    def test_customer_refusal_names_no_amount_tag_or_override(self):
        self.client.category_id = self.tag
        quotation = self._portal_quotation(qty=2)  # 1,600 < 3,000 of the tag
        with self.assertRaises(UserError) as refusal:
            quotation.with_user(self.portal_user).action_confirm()
        message = str(refusal.exception)
        self.assertEqual(message, CUSTOMER_MESSAGE)
        for internal in ("Secret wholesale tier", "3,000", "1,600", "Confirm Below Minimum"):
            self.assertNotIn(internal, message)
        self.assertEqual(quotation.state, "draft")

    def test_customer_reads_a_generic_warning_on_the_quotation(self):
        self.client.category_id = self.tag
        quotation = self._portal_quotation(qty=2)
        self.assertEqual(
            quotation.with_user(self.portal_user).minimum_order_warning, CUSTOMER_MESSAGE
        )
        # the salesperson still reads the details
        self.assertIn(
            "the client tag Secret wholesale tier",
            quotation.with_user(self.salesman).minimum_order_warning,
        )
