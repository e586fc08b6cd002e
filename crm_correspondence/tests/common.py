from datetime import date

from odoo.tests import TransactionCase, new_test_user

GROUP_USER = "crm_correspondence.crm_correspondence_group_user"
GROUP_MANAGER = "crm_correspondence.crm_correspondence_group_manager"

# a past year far enough from the demo data to start every series at 0001
REG_DATE = date(2021, 3, 2)


class CorrespondenceCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.user_marina = new_test_user(
            cls.env,
            login="corr_marina",
            name="Marina Test",
            email="marina.test@example.com",
            groups=f"{GROUP_USER},sales_team.group_sale_salesman",
        )
        cls.user_dmitry = new_test_user(
            cls.env,
            login="corr_dmitry",
            name="Dmitry Test",
            email="dmitry.test@example.com",
            groups=f"{GROUP_USER},sales_team.group_sale_salesman",
        )
        cls.user_petr = new_test_user(
            cls.env,
            login="corr_petr",
            name="Petr Test",
            email="petr.test@example.com",
            groups=GROUP_MANAGER,
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Wardrobe Wholesale LLC",
                "is_company": True,
                "email": "office@wardrobe.example.com",
                "user_id": cls.user_marina.id,
            }
        )
        cls.client_contact = cls.env["res.partner"].create(
            {
                "name": "Olga Wardrobe",
                "parent_id": cls.client.id,
                "email": "olga@wardrobe.example.com",
            }
        )
        cls.other_client = cls.env["res.partner"].create(
            {
                "name": "Sofa Retail LLC",
                "is_company": True,
                "user_id": cls.user_dmitry.id,
            }
        )

    @classmethod
    def _create_item(cls, **values):
        vals = {
            "direction": "incoming",
            "channel": "letter",
            "subject": "Price request",
            "partner_id": cls.client.id,
            "date_registered": REG_DATE,
        }
        vals.update(values)
        return cls.env["crm.correspondence"].create(vals)
