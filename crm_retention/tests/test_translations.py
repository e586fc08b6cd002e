from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestTranslations(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("ru_RU", "uk_UA"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_retention"], ["ru_RU", "uk_UA"], overwrite=True
        )
        cls.tag = cls.env["res.partner.category"].create({"name": "Translated"})
        cls.Standard.create(
            {
                "name": "Tagged companies",
                "category_ids": cls.tag.ids,
                "line_ids": [(0, 0, {"field_id": cls._field("website").id})],
            }
        )

    def test_roles_and_menus_are_translated(self):
        role = self.role_client
        menu = self.env.ref("crm_retention.crm_retention_menu_root")
        self.assertEqual(role.with_context(lang="ru_RU").name, "Клиент")
        self.assertEqual(role.with_context(lang="uk_UA").name, "Клієнт")
        self.assertEqual(menu.with_context(lang="ru_RU").name, "Клиентская база")
        self.assertEqual(menu.with_context(lang="uk_UA").name, "Клієнтська база")

    def test_refusal_speaks_the_users_language(self):
        for lang, expected in (
            ("ru_RU", "Данные не соответствуют стандартам данных о клиентах"),
            ("uk_UA", "Дані не відповідають стандартам даних про клієнтів"),
        ):
            with self.assertRaises(ValidationError) as caught:
                self.Partner.with_context(lang=lang).create(
                    {"name": "Gap Ltd", "is_company": True, "category_id": self.tag.ids}
                )
            self.assertIn(expected, str(caught.exception))
