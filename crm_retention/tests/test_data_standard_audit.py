"""Data standards that cannot stall, block unrelated edits or be bypassed (audit C1, C3,
C5, C6, F1, A10)."""

from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestDataStandardAudit(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = cls.env["res.partner.category"].create({"name": "Audited wholesale"})
        cls.standard = cls.Standard.create(
            {
                "name": "Audited wholesale clients",
                "applies_to": "company",
                "category_ids": cls.tag.ids,
                "line_ids": [
                    (0, 0, {"field_id": cls._field("vat").id, "required": True,
                            "pattern": r"^\d{10}$", "pattern_help": "10 digits"}),
                    (0, 0, {"field_id": cls._field("phone").id, "required": True}),
                ],
            }
        )  # fmt: skip
        cls.vat_line = cls.standard.line_ids.filtered(lambda line: line.field_id.name == "vat")

    def _client(self, **values):
        return self.Partner.create(
            {
                "name": "Bor Furniture",
                "is_company": True,
                "category_id": self.tag.ids,
                "vat": "7604000001",
                "phone": "+7 4852 000-111",
                **values,
            }
        )

    # -- C1: formats in linear time, validated at save -------------------------------------
    def test_a_catastrophic_format_is_checked_at_once(self):
        # (a+)+$ backtracks exponentially in Python's re: 2**40 steps for this value
        self.vat_line.pattern = r"(a+)+$"
        with self.assertRaises(ValidationError) as refusal:
            self._client(vat="a" * 40 + "!")
        self.assertIn("wrong format: Tax ID (10 digits)", str(refusal.exception))
        self.assertEqual(self._client(vat="a" * 40).data_completeness, 100)

    def test_formats_re2_cannot_run_are_refused_with_the_reason(self):
        with self.assertRaises(ValidationError) as refusal:
            self.vat_line.pattern = r"^(\d)\1+$"
        self.assertIn("back-references and look-arounds are not supported", str(refusal.exception))
        with self.assertRaises(ValidationError) as refusal:
            self.vat_line.pattern = "\\d" * 101
        self.assertIn("longer than 200 characters", str(refusal.exception))
        self.assertEqual(self.vat_line.pattern, r"^\d{10}$")

    def test_an_overlong_value_is_malformed(self):
        self.vat_line.pattern = r"^\d+$"
        with self.assertRaises(ValidationError):
            self._client(vat="1" * 1001)
        self.assertTrue(self._client(vat="1" * 1000))

    # -- C3: ASCII digits, blanks ------------------------------------------------------------
    def test_digits_are_ascii_digits(self):
        with self.assertRaises(ValidationError) as refusal:
            self._client(vat="١٢٣٤٥٦٧٨٩٠")  # Arabic-Indic digits
        self.assertIn("wrong format: Tax ID", str(refusal.exception))

    def test_blanks_are_no_data(self):
        with self.assertRaises(ValidationError) as refusal:
            self._client(phone="   ")
        self.assertIn("missing: Phone", str(refusal.exception))

    # -- C5: a bounded message -------------------------------------------------------------
    def test_a_refusal_of_sixty_partners_names_fifty_and_counts_the_rest(self):
        with self.assertRaises(ValidationError) as refusal:
            self.Partner.create(
                [
                    {"name": f"Importer {i:02d}", "is_company": True, "category_id": self.tag.ids}
                    for i in range(60)
                ]
            )
        message = str(refusal.exception)
        self.assertIn("Importer 49: missing: Tax ID, Phone", message)
        self.assertNotIn("Importer 50", message)
        self.assertIn("… and 10 more partners.", message)

    # -- C6: only what a write breaks is refused; the bypass is not the caller's -------------
    def _legacy_client(self):
        """A client saved before the standard existed: no phone."""
        client = self._client()
        self.env.cr.execute("UPDATE res_partner SET phone = NULL WHERE id = %s", [client.id])
        client.invalidate_recordset(["phone"])
        client._apply_data_standards(enforce=False)  # as the re-score after a new standard
        return client

    def test_an_already_incomplete_client_can_still_change_its_address(self):
        client = self._legacy_client()
        client.with_user(self.sales_manager).write(
            {"street": "5 Sovetskaya St.", "vat": "7604000002"}
        )
        self.assertEqual((client.street, client.vat), ("5 Sovetskaya St.", "7604000002"))

    def test_a_write_that_breaks_a_field_is_still_refused(self):
        client = self._legacy_client()
        with self.assertRaises(ValidationError) as refusal:
            client.with_user(self.sales_manager).write({"vat": False})
        self.assertIn("missing: Tax ID", str(refusal.exception))
        self.assertNotIn("Phone", str(refusal.exception), "the old gap is not the write's fault")
        client.invalidate_recordset()
        self.assertEqual(client.vat, "7604000001")

    def test_the_skip_key_sent_by_a_caller_does_not_skip_the_check(self):
        client = self._client()
        with self.assertRaises(ValidationError):
            client.with_user(self.sales_manager).with_context(skip_data_standards_check=True).write(
                {"vat": "not a tax id"}
            )

    # -- F1: only relevant changes re-score, only the partners concerned ----------------------
    def test_renaming_or_reordering_a_standard_rescores_nobody(self):
        self._client()
        with patch.object(
            type(self.Partner), "_recompute_data_completeness", autospec=True
        ) as rescore:
            self.standard.write({"name": "Wholesale (renamed)", "sequence": 3})
            self.vat_line.write({"sequence": 7, "pattern_help": "ten digits"})
        rescore.assert_not_called()

    def test_a_new_line_rescores_the_partners_in_scope_only(self):
        inside = self._client()
        outside = self.Partner.create({"name": "Retail buyer", "is_company": True})
        seen = []
        original = type(self.Partner)._apply_data_standards

        def spy(records, enforce, written=None):
            seen.extend(records.ids)
            return original(records, enforce, written=written)

        with patch.object(type(self.Partner), "_apply_data_standards", spy):
            self.env["crm.data.standard.line"].create(
                {"standard_id": self.standard.id, "field_id": self._field("email").id}
            )
        self.assertIn(inside.id, seen)
        self.assertNotIn(outside.id, seen)
        # phone and tax id filled, e-mail missing: 2 of 3
        self.assertEqual(inside.data_completeness, 67)

    def test_without_any_standard_everybody_is_complete(self):
        client = self._legacy_client()
        self.assertEqual(client.data_completeness, 50)
        self.Standard.search([]).unlink()
        client.invalidate_recordset()
        self.assertEqual((client.data_completeness, client.data_missing_fields), (100, False))

    # -- A10 ---------------------------------------------------------------------------------
    def test_a_manager_only_field_cannot_be_required_of_everybody(self):
        with self.assertRaises(ValidationError):
            self.env["crm.data.standard.line"].create(
                {
                    "standard_id": self.standard.id,
                    "field_id": self._field("minimum_order_amount").id,
                }
            )
