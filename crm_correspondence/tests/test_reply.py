from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CorrespondenceCase


@tagged("post_install", "-at_install")
class TestReply(CorrespondenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.letter = cls._create_item(
            subject="Request for wardrobes",
            contact_id=cls.client_contact.id,
            sender_reference="WW-15",
        )

    def _reply_form(self, item):
        action = item.action_reply()
        return Form(self.env[action["res_model"]].with_context(**action["context"]))

    def test_reply_is_an_outgoing_item_linked_to_the_letter(self):
        with self._reply_form(self.letter) as reply_form:
            reply_form.summary = "We confirm the delivery."
        reply = reply_form.save()
        self.assertEqual(reply.direction, "outgoing")
        self.assertEqual(reply.reply_to_id, self.letter)
        self.assertEqual(reply.partner_id, self.client)
        self.assertEqual(reply.contact_id, self.client_contact)
        self.assertEqual(reply.subject, "Re: Request for wardrobes")
        self.assertTrue(reply.name.startswith("OUT/"))
        self.assertEqual(self.letter.reply_ids, reply)
        self.assertEqual(self.letter.reply_count, 1)

    def test_registered_reply_marks_the_letter_answered(self):
        self.letter.action_start()
        self.assertEqual(self.letter.state, "in_progress")
        self._reply_form(self.letter).save()
        self.assertEqual(self.letter.state, "answered")
        self.assertFalse(self.letter.is_overdue)

    def test_registered_reply_closes_the_reply_activity(self):
        self.letter.write({"reply_deadline": "2021-03-05", "user_id": self.user_marina.id})
        activity = self.letter._schedule_reply_activities()
        self.assertEqual(len(activity), 1)
        self._reply_form(self.letter).save()
        self.assertFalse(activity.exists())
        self.assertFalse(self.letter.activity_ids)

    def test_reply_on_an_outgoing_item_is_refused(self):
        outgoing = self._create_item(direction="outgoing", subject="Our offer")
        count = self.env["crm.correspondence"].search_count([])
        with self.assertRaises(UserError) as refusal:
            outgoing.action_reply()
        self.assertIn("only incoming correspondence", str(refusal.exception))
        self.assertEqual(self.env["crm.correspondence"].search_count([]), count)
        self.assertEqual(outgoing.state, "registered")

    def test_outgoing_item_cannot_be_answered_by_link(self):
        outgoing = self._create_item(direction="outgoing", subject="Our offer")
        with self.assertRaises(ValidationError):
            self._create_item(direction="outgoing", reply_to_id=outgoing.id)
        self.assertFalse(outgoing.reply_ids)
        self.assertEqual(outgoing.state, "registered")

    def test_no_reply_needed_closes_the_letter_without_reply(self):
        self.letter.action_mark_no_reply()
        self.assertEqual(self.letter.state, "no_reply")
        self.assertFalse(self.letter.reply_ids)
        self.assertFalse(self.letter.is_overdue)

    def test_archived_letter_cannot_be_answered_until_reset(self):
        self.letter.action_set_archived()
        self.assertEqual(self.letter.state, "archived")
        with self.assertRaises(UserError):
            self.letter.action_reply()
        self.letter.action_reset()
        self.assertEqual(self.letter.state, "registered")
        self.assertEqual(self.letter.action_reply()["res_model"], "crm.correspondence")
