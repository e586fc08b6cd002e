from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestLeadLostReason(RetentionCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Slow delivery"})
        cls.competitor = cls.env["res.partner"].create(
            {
                "name": "Cheap Sofas Ltd",
                "is_company": True,
                "relationship_role_ids": cls.env.ref(
                    "crm_retention.crm_relationship_role_competitor"
                ).ids,
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Hotel lobby furniture", "type": "opportunity", "expected_revenue": 90000}
        )

    def _wizard(self, **values):
        return self.env["crm.lead.lost"].create({"lead_ids": self.lead.ids, **values})

    def test_losing_a_lead_without_reason_is_refused_and_the_lead_stays_open(self):
        with self.assertRaises(UserError) as refusal:
            self._wizard().action_lost_reason_apply()
        self.assertIn("lost reason", str(refusal.exception))
        self.assertTrue(self.lead.active)
        self.assertGreater(self.lead.probability, 0)

    def test_lost_wizard_view_requires_the_reason(self):
        form = Form(self.env["crm.lead.lost"].with_context(default_lead_ids=self.lead.ids))
        with self.assertRaises(AssertionError):
            form.save()

    def test_lost_lead_keeps_reason_and_competitor(self):
        self._wizard(
            lost_reason_id=self.reason.id, lost_competitor_id=self.competitor.id
        ).action_lost_reason_apply()
        self.assertFalse(self.lead.active)
        self.assertEqual(self.lead.lost_reason_id, self.reason)
        self.assertEqual(self.lead.lost_competitor_id, self.competitor)

    def test_lead_lost_to_a_non_competitor_is_refused(self):
        customer = self.env["res.partner"].create({"name": "Just a customer"})
        with self.assertRaises(UserError):
            self._wizard(
                lost_reason_id=self.reason.id, lost_competitor_id=customer.id
            ).action_lost_reason_apply()
        self.assertTrue(self.lead.active)

    def test_the_mark_lost_link_of_an_e_mail_opens_the_lead_instead(self):
        # the link cannot ask for a reason: it leads to the lead, where "Lost" asks for it
        self.authenticate("admin", "admin")
        link = self.lead._notify_get_action_link("controller", controller="/lead/case_mark_lost")
        response = self.url_open(link[link.index("/lead/") :], allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn(str(self.lead.id), response.headers["Location"])
        self.lead.invalidate_recordset()
        self.assertTrue(self.lead.active)
