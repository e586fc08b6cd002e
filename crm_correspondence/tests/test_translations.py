from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("ru_RU", "uk_UA"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_correspondence"], ["ru_RU", "uk_UA"], overwrite=True
        )

    def test_menu_is_in_russian(self):
        menu = self.env.ref("crm_correspondence.crm_correspondence_menu_root")
        self.assertEqual(menu.with_context(lang="ru_RU").name, "Корреспонденция")

    def test_menu_is_in_ukrainian(self):
        menu = self.env.ref("crm_correspondence.crm_correspondence_menu_root")
        self.assertEqual(menu.with_context(lang="uk_UA").name, "Кореспонденція")

    def test_field_labels_are_in_russian(self):
        fields_ru = (
            self.env["crm.correspondence"]
            .with_context(lang="ru_RU")
            .fields_get(["reply_deadline", "direction"])
        )
        self.assertEqual(fields_ru["reply_deadline"]["string"], "Срок ответа")
        self.assertIn(("incoming", "Входящее"), fields_ru["direction"]["selection"])

    def test_refusal_is_explained_in_russian(self):
        item = self.env["crm.correspondence"].create(
            {"subject": "Письмо", "document_date": "2025-05-10"}
        )
        with self.assertRaises(ValidationError) as refusal:
            item.with_context(lang="ru_RU").write({"reply_deadline": "2025-05-01"})
        self.assertIn("не может быть раньше", str(refusal.exception))
