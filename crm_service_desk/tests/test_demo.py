from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The furniture salon's demo tickets show an SLA in every state."""

    def test_demo_tickets_cover_every_sla_state(self):
        def states(xmlid):
            ticket = self.env.ref(f"crm_service_desk.{xmlid}")
            return {line.kind: line.state for line in ticket.sla_ids}

        # ten days without an answer: both targets failed by the breach job
        self.assertEqual(
            states("demo_ticket_damaged_sofa"), {"response": "failed", "resolution": "failed"}
        )
        sofa = self.env.ref("crm_service_desk.demo_ticket_damaged_sofa")
        self.assertEqual(sofa.sla_status, "failed")
        # a key client (tier A): the 2-hour response term, not the default 8 hours
        self.assertEqual(
            set(sofa.sla_ids.term_id.ids), {self.env.ref("crm_service_desk.demo_sla_term_key").id}
        )
        self.assertEqual(len(sofa.activity_ids), 2, "one breach activity per target")
        self.assertEqual(
            states("demo_ticket_late_delivery"), {"response": "paused", "resolution": "paused"}
        )
        self.assertEqual(
            states("demo_ticket_return"), {"response": "reached", "resolution": "reached"}
        )
        self.assertEqual(
            states("demo_ticket_instructions"), {"response": "ongoing", "resolution": "ongoing"}
        )
        self.assertEqual(
            states("demo_ticket_duplicate"),
            {"response": "cancelled", "resolution": "cancelled"},
        )
