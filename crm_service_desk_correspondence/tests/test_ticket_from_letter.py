import json

from lxml import etree, html
from markupsafe import Markup

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TicketLetterCase


@tagged("post_install", "-at_install")
class TestTicketFromLetter(TicketLetterCase):
    def _note_links(self, record):
        """(model, id) of the records the notes posted on ``record`` link to."""
        note = self.env.ref("mail.mt_note")
        links = set()
        for message in record.message_ids.filtered(lambda m: m.subtype_id == note and m.body):
            for anchor in html.fromstring(message.body).iter("a"):
                if anchor.get("data-oe-model"):
                    links.add((anchor.get("data-oe-model"), int(anchor.get("data-oe-id"))))
        return links

    def _state(self, letters):
        """What a refused call must leave as it was."""
        letters.invalidate_recordset()
        sequence = self.env.ref("helpdesk_mgmt.helpdesk_ticket_sequence")
        sequence.invalidate_recordset()
        return {
            "tickets": self.Ticket.search_count([]),
            "next ticket number": sequence.number_next_actual,
            "links": [letter.ticket_id.id for letter in letters],
            "messages": self.env["mail.message"].search_count(
                [("model", "=", "crm.correspondence"), ("res_id", "in", letters.ids)]
            ),
            "files": self.env["ir.attachment"].search_count([]),
        }

    def _assert_refused(self, letters, message, user=None):
        # unittest's assertRaisesRegex, not Odoo's assertRaises: no savepoint rolls back
        # what the refused call might have done before raising
        before = self._state(letters)
        with self.assertRaisesRegex(UserError, message):
            letters.with_user(user or self.agent).action_create_ticket()
        self.assertEqual(self._state(letters), before)

    # ------------------------------------------------------------------
    # Creating tickets
    # ------------------------------------------------------------------

    def test_ticket_takes_the_letters_subject_text_correspondent_company_and_files(self):
        letter = self._create_letter(partner_id=self.client_contact.id)
        scan = self._attach(letter, "complaint.pdf", b"%PDF scan of the complaint")
        photo = self._attach(letter, "doors.jpg", b"photo of the two doors")
        tickets_before = self.Ticket.search_count([])

        letter.with_user(self.agent).action_create_ticket()

        ticket = letter.ticket_id
        self.assertEqual(self.Ticket.search_count([]), tickets_before + 1)
        self.assertEqual(ticket.name, "Complaint: scratched wardrobe doors")
        self.assertEqual(
            ticket.description,
            Markup("<p>Two doors arrived scratched.<br>Please replace them.</p>"),
        )
        self.assertEqual(ticket.partner_id, self.client_contact)
        self.assertEqual(ticket.partner_name, "Olga Wardrobe")
        self.assertEqual(ticket.partner_email, "olga@wardrobe.example.com")
        self.assertEqual(ticket.company_id, self.company)
        self.assertEqual(ticket.channel_id, self.channel_letter)
        self.assertEqual(self.channel_letter.name, "Letter")
        # linked both ways
        self.assertEqual(ticket.correspondence_ids, letter)
        self.assertEqual(ticket.correspondence_count, 1)
        # the files are copied: the letter keeps its own
        files = self._ticket_files(ticket)
        self.assertEqual(files.mapped("name"), ["complaint.pdf", "doors.jpg"])
        self.assertEqual(
            files.mapped("raw"), [b"%PDF scan of the complaint", b"photo of the two doors"]
        )
        self.assertFalse(files & letter.attachment_ids)
        self.assertEqual(letter.attachment_ids, scan | photo)
        self.assertEqual(set(letter.attachment_ids.mapped("res_model")), {"crm.correspondence"})
        # a note on each side links to the other
        self.assertIn(("helpdesk.ticket", ticket.id), self._note_links(letter))
        self.assertIn(("crm.correspondence", letter.id), self._note_links(ticket))

    def test_action_opens_the_ticket_and_survives_rpc(self):
        letter = self._create_letter()
        action = letter.with_user(self.agent).action_create_ticket()
        self.assertEqual(
            action,
            {
                "type": "ir.actions.act_window",
                "name": "Tickets",
                "res_model": "helpdesk.ticket",
                "target": "current",
                "context": {"create": False},
                "res_id": letter.ticket_id.id,
                "view_mode": "form",
                "views": [[False, "form"]],
            },
        )
        # JSON-RPC: the web client's route (json.dumps refuses records; None would be null)
        self.assertNotIn("null", json.dumps(action))

    def test_batch_of_letters_gives_one_ticket_each(self):
        first = self._create_letter(subject="Scratched doors")
        second = self._create_letter(
            subject="Missing shelf", summary=False, partner_id=self.other_client.id
        )
        action = (first | second).with_user(self.agent).action_create_ticket()

        self.assertEqual(len(first.ticket_id | second.ticket_id), 2)
        self.assertEqual(first.ticket_id.name, "Scratched doors")
        self.assertEqual(first.ticket_id.partner_id, self.client)
        self.assertEqual(first.ticket_id.correspondence_ids, first)
        self.assertEqual(second.ticket_id.name, "Missing shelf")
        self.assertEqual(second.ticket_id.partner_id, self.other_client)
        # a letter without text: its subject describes the ticket
        self.assertEqual(second.ticket_id.description, Markup("<p>Missing shelf</p>"))
        self.assertEqual(second.ticket_id.correspondence_ids, second)
        self.assertEqual(
            action["domain"], [("id", "in", [first.ticket_id.id, second.ticket_id.id])]
        )
        self.assertEqual(action["views"], [[False, "list"], [False, "form"]])
        self.assertNotIn("res_id", action)
        self.assertNotIn("null", json.dumps(action))

    def test_answered_or_archived_letter_can_still_become_a_ticket(self):
        answered = self._create_letter(subject="Scratched doors")
        self._create_letter(direction="outgoing", reply_to_id=answered.id, subject="Re: doors")
        archived = self._create_letter(subject="Missing shelf")
        archived.action_set_archived()
        self.assertEqual((answered.state, archived.state), ("answered", "archived"))
        (answered | archived).with_user(self.agent).action_create_ticket()
        self.assertEqual(answered.ticket_id.name, "Scratched doors")
        self.assertEqual(archived.ticket_id.name, "Missing shelf")
        self.assertEqual((answered.state, archived.state), ("answered", "archived"))

    # ------------------------------------------------------------------
    # Refusals: a clear message, nothing created, no ticket number drawn
    # ------------------------------------------------------------------

    def test_outgoing_letter_is_refused(self):
        letter = self._create_letter(direction="outgoing")
        self._assert_refused(letter, "only incoming correspondence can become a ticket")

    def test_unnumbered_letter_is_refused(self):
        letter = self._create_letter()
        # an item without its number (only an administrator can take it away)
        letter.write({"name": "/"})
        self._assert_refused(letter, "is not registered yet")

    def test_letter_with_an_unconfirmed_sender_is_refused(self):
        letter = self._create_letter(
            channel="email", sender_to_verify=True, email_from="office@wardrobe.example.com"
        )
        self._assert_refused(letter, "confirm its sender before creating a ticket")
        letter.action_confirm_sender()
        letter.with_user(self.agent).action_create_ticket()
        self.assertTrue(letter.ticket_id)

    def test_letter_with_a_ticket_is_refused(self):
        letter = self._create_letter()
        letter.with_user(self.agent).action_create_ticket()
        self._assert_refused(letter, "already has its ticket")

    def test_one_refused_letter_refuses_the_whole_batch(self):
        good = self._create_letter(subject="Scratched doors")
        outgoing = self._create_letter(direction="outgoing", subject="Our answer")
        self._assert_refused(good | outgoing, "only incoming correspondence")
        self.assertFalse(good.ticket_id)

    # ------------------------------------------------------------------
    # Access and companies
    # ------------------------------------------------------------------

    def test_user_without_helpdesk_rights_cannot_create_a_ticket(self):
        # Marina works in the register (her own client's letter) but not in the service desk
        letter = self._create_letter(user_id=self.user_marina.id)
        self.assertTrue(letter.with_user(self.user_marina).has_access("read"))
        before = self._state(letter)
        with self.assertRaises(AccessError):
            letter.with_user(self.user_marina).action_create_ticket()
        self.assertEqual(self._state(letter), before)

    def test_letter_of_another_company_cannot_be_linked(self):
        company_b = self.env["res.company"].create({"name": "Salon Kyiv"})
        letter_b = self._create_letter(company_id=company_b.id, partner_id=False)
        ticket_a = self._create_ticket()
        # Odoo's assertRaises rolls the refused write back, as a failed RPC call does
        with self.assertRaises(ValidationError) as refused:
            letter_b.ticket_id = ticket_a
        self.assertIn("cannot be linked to the ticket", str(refused.exception))
        self.assertFalse(letter_b.ticket_id)
        # nor can a ticket move away from the company of its letters
        letter_a = self._create_letter()
        letter_a.ticket_id = ticket_a
        with self.assertRaises(ValidationError) as refused:
            ticket_a.company_id = company_b
        self.assertIn("has letters of", str(refused.exception))
        self.assertEqual(ticket_a.company_id, self.company)
        # a letter of the other company makes a ticket of that company
        letter_b.action_create_ticket()
        self.assertEqual(letter_b.ticket_id.company_id, company_b)

    def test_letter_linked_to_an_existing_ticket_in_its_form(self):
        ticket = self._create_ticket()
        letter = self._create_letter(direction="outgoing", subject="Our answer about the doors")
        with Form(letter) as form:
            form.ticket_id = ticket
        self.assertEqual(ticket.correspondence_ids, letter)
        self.assertEqual(ticket.correspondence_count, 1)
        action = ticket.action_view_correspondence()
        self.assertEqual(action["res_model"], "crm.correspondence")
        self.assertEqual(self.env["crm.correspondence"].search(action["domain"]), letter)
        self.assertEqual(
            action["context"],
            {
                "default_ticket_id": ticket.id,
                "default_partner_id": self.client.id,
                "default_company_id": self.company.id,
            },
        )
        self.assertNotIn("null", json.dumps(action))

    def test_agent_counts_only_the_letters_the_register_lets_them_read(self):
        ticket = self._create_ticket()
        own = self._create_letter()  # the agent is responsible for it
        # a letter of Dmitry's client Dmitry is responsible for: not the agent's
        other = self._create_letter(partner_id=self.other_client.id, user_id=self.user_dmitry.id)
        (own | other).ticket_id = ticket
        self.assertEqual(ticket.correspondence_count, 2)
        self.env.invalidate_all()  # the agent's request starts with an empty cache
        as_agent = ticket.with_user(self.agent)
        self.assertEqual(as_agent.correspondence_count, 1)
        self.assertEqual(as_agent.correspondence_ids, own.with_user(self.agent))

    def test_agent_outside_the_register_opens_tickets_without_letters(self):
        ticket = self._create_ticket(user_id=self.agent_no_letters.id)
        self._create_letter().ticket_id = ticket
        with Form(ticket.with_user(self.agent_no_letters)) as form:
            self.assertEqual(form.name, "Doors")
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent_no_letters).read(["correspondence_count"])

    def test_form_shows_the_letters_page_and_button(self):
        arch = self.Ticket.with_user(self.agent).get_view(
            self.env.ref("helpdesk_mgmt.ticket_view_form").id
        )["arch"]
        tree = etree.fromstring(arch)
        self.assertTrue(tree.xpath("//button[@name='action_view_correspondence']"))
        self.assertTrue(tree.xpath("//page[@name='correspondence']"))
        arch = self.Ticket.with_user(self.agent_no_letters).get_view(
            self.env.ref("helpdesk_mgmt.ticket_view_form").id
        )["arch"]
        tree = etree.fromstring(arch)
        self.assertFalse(tree.xpath("//button[@name='action_view_correspondence']"))
        self.assertFalse(tree.xpath("//page[@name='correspondence']"))

    def test_ticket_list_with_letter_count_is_read_with_rpc_shapes(self):
        ticket = self._create_ticket(user_id=self.agent.id)
        self._create_letter().ticket_id = ticket
        values = ticket.with_user(self.agent).read(["correspondence_count", "correspondence_ids"])
        self.assertEqual(values[0]["correspondence_count"], 1)
        self.assertEqual(len(values[0]["correspondence_ids"]), 1)
        json.dumps(values)

    def test_letter_is_linked_without_copying_it(self):
        ticket = self._create_ticket()
        letter = self._create_letter()
        letter.ticket_id = ticket
        self.assertFalse(letter.copy().ticket_id)
        ticket.write({"correspondence_ids": [Command.unlink(letter.id)]})
        self.assertFalse(letter.ticket_id)


@tagged("post_install", "-at_install", "is_query_count")
class TestLetterCountQueries(TicketLetterCase):
    def test_letter_count_of_a_ticket_list_costs_one_query(self):
        tickets = self.Ticket.create(
            [
                {"name": f"Ticket {i}", "description": "<p>x</p>", "user_id": self.agent.id}
                for i in range(6)
            ]
        )
        for index, ticket in enumerate(tickets):
            for _i in range(index % 3):
                self._create_letter().ticket_id = ticket
        env = self.env(user=self.agent)
        one = tickets[:1].with_env(env)
        several = tickets.with_env(env)
        # warm the access caches (rules, groups) once
        self.env.flush_all()
        several.mapped("correspondence_count")
        for recordset, expected in ((one, [0]), (several, [0, 1, 2, 0, 1, 2])):
            tickets.invalidate_recordset()
            with self.assertQueryCount(1):
                counts = recordset.mapped("correspondence_count")
            self.assertEqual(counts, expected)
