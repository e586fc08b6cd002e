from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestDataStandards(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wholesale = cls.env["res.partner.category"].create({"name": "Test wholesale"})
        cls.standard = cls.Standard.create(
            {
                "name": "Test wholesale clients",
                "applies_to": "company",
                "category_ids": cls.wholesale.ids,
                "line_ids": [
                    (0, 0, {"field_id": cls._field("vat").id, "required": True,
                            "pattern": r"^\d{10}$", "pattern_help": "10 digits"}),
                    (0, 0, {"field_id": cls._field("phone").id, "required": True}),
                    (0, 0, {"field_id": cls._field("email").id, "required": True}),
                    (0, 0, {"field_id": cls._field("website").id, "required": False}),
                ],
            }
        )  # fmt: skip

    def _wholesale_vals(self, **values):
        return {
            "name": "Bor Furniture",
            "is_company": True,
            "category_id": self.wholesale.ids,
            "vat": "7604000001",
            "phone": "+7 4852 000-111",
            "email": "bor@example.com",
            **values,
        }

    def test_refusal_lists_every_missing_field_by_label(self):
        count_before = self.Partner.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(self._wholesale_vals(vat=False, phone=False, email=False))
        message = str(caught.exception)
        self.assertIn("Bor Furniture", message)
        self.assertIn("missing: Tax ID, Phone, Email", message)
        self.assertEqual(self.Partner.search_count([]), count_before)

    def test_refusal_names_malformed_field_with_its_format(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(self._wholesale_vals(vat="76-04", phone=False))
        message = str(caught.exception)
        self.assertIn("missing: Phone", message)
        self.assertIn("wrong format: Tax ID (10 digits)", message)

    def test_pattern_must_match_the_whole_value(self):
        with self.assertRaises(ValidationError):
            self.Partner.create(self._wholesale_vals(vat="76040000011"))
        partner = self.Partner.create(self._wholesale_vals(vat="7604000001"))
        self.assertEqual(partner.data_completeness, 75)  # website is recommended, empty
        self.assertEqual(partner.data_missing_fields, "Website Link")

    def test_complete_partner_scores_100(self):
        partner = self.Partner.create(self._wholesale_vals(website="https://bor.example.com"))
        self.assertEqual(partner.data_completeness, 100)
        self.assertFalse(partner.data_missing_fields)

    def test_write_clearing_a_mandatory_field_is_refused_and_changes_nothing(self):
        partner = self.Partner.create(self._wholesale_vals())
        with self.assertRaises(ValidationError) as caught:
            partner.write({"phone": False, "name": "Renamed"})
        self.assertIn("missing: Phone", str(caught.exception))
        partner.invalidate_recordset()
        self.assertEqual(partner.phone, "+7 4852 000-111")
        self.assertEqual(partner.name, "Bor Furniture")

    def test_adding_the_tag_brings_the_partner_under_the_standard(self):
        partner = self.Partner.create({"name": "Loose shop", "is_company": True})
        self.assertEqual(partner.data_completeness, 100)
        with self.assertRaises(ValidationError):
            partner.write({"category_id": [(4, self.wholesale.id)]})

    def test_partner_outside_the_scope_is_not_checked(self):
        person = self.Partner.create({"name": "Private buyer", "category_id": self.wholesale.ids})
        other_company = self.Partner.create({"name": "Untagged Ltd", "is_company": True})
        self.assertEqual((person | other_company).mapped("data_completeness"), [100, 100])

    def test_form_save_is_refused_with_the_message(self):
        form = Form(self.Partner)
        form.name = "Form Furniture"
        form.company_type = "company"
        form.category_id.add(self.wholesale)
        form.email = "form@example.com"
        with self.assertRaises(ValidationError) as caught:
            form.save()
        self.assertIn("missing: Tax ID, Phone", str(caught.exception))

    def test_import_reports_the_offending_rows_and_imports_nothing(self):
        count_before = self.Partner.search_count([])
        tag = self.wholesale.export_data(["id"])["datas"][0][0]  # its external id
        result = self.Partner.load(
            ["name", "is_company", "category_id/id", "vat", "phone", "email"],
            [
                ["Good Ltd", "1", tag, "7604000002", "+7 1", "g@x.com"],
                ["No Phone Ltd", "1", tag, "7604000003", "", "n@x.com"],
                ["Bad Vat Ltd", "1", tag, "12", "+7 2", "b@x.com"],
            ],
        )
        self.assertFalse(result["ids"])
        # Odoo reports the failed batch on its first row, then each offending row.
        by_row = {}
        for message in result["messages"]:
            self.assertEqual(message["type"], "error")
            by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        self.assertIn("No Phone Ltd: missing: Phone", by_row[1][0])
        self.assertIn("Bad Vat Ltd: wrong format: Tax ID (10 digits)", by_row[2][0])
        self.assertNotIn("Good Ltd", " ".join(m for msgs in by_row.values() for m in msgs))
        self.assertEqual(self.Partner.search_count([]), count_before)

    def test_completeness_is_recomputed_in_bulk_when_a_standard_changes(self):
        partners = self.Partner.create(
            [self._wholesale_vals(name=f"Shop {i}", website=f"https://s{i}.example.com")
             for i in range(3)]
        )  # fmt: skip
        self.assertEqual(partners.mapped("data_completeness"), [100, 100, 100])
        self.standard.line_ids = [(0, 0, {"field_id": self._field("city").id, "required": True})]
        self.assertEqual(partners.mapped("data_completeness"), [80, 80, 80])
        self.assertEqual(partners.mapped("data_missing_fields"), ["City"] * 3)
        self.standard.action_archive()
        self.assertEqual(partners.mapped("data_completeness"), [100, 100, 100])

    def test_score_only_standard_measures_without_refusing(self):
        self.standard.enforcement = "score"
        partner = self.Partner.create(self._wholesale_vals(phone=False, email=False))
        self.assertEqual(partner.data_completeness, 25)
        self.assertEqual(partner.data_missing_fields, "Phone, Email, Website Link")

    def test_no_standard_configured_keeps_stock_behaviour(self):
        self.Standard.search([]).action_archive()
        partner = self.Partner.create(
            {
                "name": "Anything goes",
                "is_company": True,
                "category_id": self.wholesale.ids,
            }
        )
        partner.write({"phone": False, "vat": "x"})
        self.assertEqual(partner.data_completeness, 100)

    def test_invalid_regular_expression_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.standard.line_ids[0].pattern = "^(\\d{10}$"
        self.assertIn("not a valid regular expression", str(caught.exception))

    def test_standard_without_role_or_tag_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.Standard.create({"name": "Everybody", "applies_to": "all"})
        self.assertIn("at least one relationship role or tag", str(caught.exception))

    def test_role_based_standard_applies_to_role_holders(self):
        self.Standard.create(
            {
                "name": "Clients need a salesperson",
                "applies_to": "all",
                "role_ids": self.role_client.ids,
                "line_ids": [(0, 0, {"field_id": self._field("user_id").id, "required": True})],
            }
        )
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(
                {"name": "Orphan client", "relationship_role_ids": self.role_client.ids}
            )
        self.assertIn("missing: Salesperson", str(caught.exception))
        partner = self.Partner.create(
            {"name": "Followed client", "relationship_role_ids": self.role_client.ids,
             "user_id": self.salesman.id}
        )  # fmt: skip
        self.assertEqual(partner.data_completeness, 100)

    def test_salesperson_reads_but_cannot_edit_standards(self):
        standard = self.standard.with_user(self.salesman)
        self.assertEqual(standard.name, "Test wholesale clients")
        with self.assertRaises(AccessError):
            standard.write({"enforcement": "score"})
        with self.assertRaises(AccessError):
            self.Standard.with_user(self.salesman).create(
                {"name": "Mine", "category_ids": self.wholesale.ids}
            )
        with self.assertRaises(AccessError):
            standard.line_ids[0].write({"required": False})

    def test_sales_manager_edits_standards(self):
        self.standard.with_user(self.sales_manager).write({"enforcement": "score"})
        self.assertEqual(self.standard.enforcement, "score")

    def test_salesperson_of_another_company_cannot_read_its_standards(self):
        other_company = self.env["res.company"].create({"name": "Kostroma branch"})
        self.standard.company_id = self.env.company
        stranger = new_test_user(
            self.env,
            login="rt_kostroma",
            groups="sales_team.group_sale_salesman",
            company_id=other_company.id,
            company_ids=other_company.ids,
        )
        visible = self.Standard.with_user(stranger).search([])
        self.assertNotIn(self.standard, visible)
        with self.assertRaises(AccessError):
            self.standard.with_user(stranger).read(["name"])

    def test_order_confirmation_is_not_blocked_by_a_prospect_data_gap(self):
        self.Standard.create(
            {
                "name": "Clients need a tax ID",
                "applies_to": "all",
                "role_ids": self.role_client.ids,
                "line_ids": [(0, 0, {"field_id": self._field("vat").id, "required": True})],
            }
        )
        prospect = self.Partner.create(
            {"name": "New buyer", "relationship_role_ids": self.role_prospect.ids}
        )
        order = self._confirmed_order(prospect)
        self.assertEqual(order.state, "sale")
        self.assertIn(self.role_client, prospect.relationship_role_ids)
        self.assertEqual(prospect.data_completeness, 0)
        self.assertEqual(prospect.data_missing_fields, "Tax ID")
